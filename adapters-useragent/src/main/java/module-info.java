/** User agent parsing ({@code UserAgentParser}) with Yauaa, plus the project's own bot rules. */
module app.tax.analytics.adapters.useragent {
    requires app.tax.analytics.application;
    requires nl.basjes.parse.useragent;

    exports app.tax.analytics.adapters.useragent;
}
