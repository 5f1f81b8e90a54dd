module app.tax.analytics.adapters.clickhouse {
    requires app.tax.analytics.application;
}
