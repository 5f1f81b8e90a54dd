/** Pure domain model of the analytics service: no framework, only the JDK. */
module app.tax.analytics.domain {
    exports app.tax.analytics.domain.access;
    exports app.tax.analytics.domain.event;
    exports app.tax.analytics.domain.source;
    exports app.tax.analytics.domain.traffic;
    exports app.tax.analytics.domain.enrich;
    exports app.tax.analytics.domain.session;
    exports app.tax.analytics.domain.stats;
    exports app.tax.analytics.domain.user;
    exports app.tax.analytics.domain.board;
}
