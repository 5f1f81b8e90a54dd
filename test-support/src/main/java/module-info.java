module app.tax.analytics.testsupport {
    requires app.tax.analytics.application;
}
