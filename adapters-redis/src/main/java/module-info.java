module app.tax.analytics.adapters.redis {
    requires app.tax.analytics.application;
}
