/**
 * Use cases ({@code port.in}), the ports they need ({@code port.out}), their services, and the rate-limited warning
 * adapters log with too ({@code logging}).
 */
module app.tax.analytics.application {
    requires transitive app.tax.analytics.domain;

    exports app.tax.analytics.application.logging;
    exports app.tax.analytics.application.port.in;
    exports app.tax.analytics.application.port.out;
    exports app.tax.analytics.application.service;
}
