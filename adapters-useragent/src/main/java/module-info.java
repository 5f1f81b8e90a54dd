module app.tax.analytics.adapters.useragent {
    requires app.tax.analytics.application;
}
