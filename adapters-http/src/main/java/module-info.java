module app.tax.analytics.adapters.http {
    requires app.tax.analytics.application;
}
