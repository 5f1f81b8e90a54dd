module app.tax.analytics.testsupport {
    requires app.tax.analytics.application;
    requires app.tax.analytics.querymodel;

    exports app.tax.analytics.testsupport.geoip;
    requires org.junit.jupiter.api;
    requires testcontainers;
    exports app.tax.analytics.testsupport.redis;
    exports app.tax.analytics.testsupport.contract;
    requires org.assertj.core;
    exports app.tax.analytics.testsupport.clickhouse;
    exports app.tax.analytics.testsupport;
    exports app.tax.analytics.testsupport.browser;
    exports app.tax.analytics.testsupport.net;
    requires transitive org.seleniumhq.selenium.chrome_driver;
    requires transitive org.seleniumhq.selenium.chromium_driver;
    requires transitive org.seleniumhq.selenium.remote_driver;
    requires transitive org.seleniumhq.selenium.api;
}
