module app.tax.analytics.adapters.geoip {
    requires app.tax.analytics.application;
}
