module app.tax.analytics.adapters.embedded {
    requires app.tax.analytics.application;
}
