/** Use cases ({@code port.in}), the ports they need ({@code port.out}) and their services. */
module app.tax.analytics.application {
    requires transitive app.tax.analytics.domain;

    exports app.tax.analytics.application.port.in;
    exports app.tax.analytics.application.port.out;
    exports app.tax.analytics.application.service;
}
