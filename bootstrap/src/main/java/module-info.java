/** Picocli roles, configuration and wiring: the only module that knows every adapter. */
module app.tax.analytics.bootstrap {
    requires app.tax.analytics.application;
    requires app.tax.analytics.adapters.http;
    requires app.tax.analytics.adapters.geoip;
    requires app.tax.analytics.adapters.useragent;
    requires app.tax.analytics.adapters.embedded;
    requires app.tax.analytics.adapters.redis;
    requires app.tax.analytics.adapters.clickhouse;
    requires app.tax.analytics.adapters.mail;
    requires info.picocli;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires java.net.http;
    requires HdrHistogram;
    // the no-op baseline server of `bench --baseline`
    requires io.javalin;
    requires com.fasterxml.jackson.databind;

    // picocli fills the command and option classes reflectively
    opens app.tax.analytics.bootstrap to info.picocli;
    opens app.tax.analytics.bootstrap.config to info.picocli;
    opens app.tax.analytics.bootstrap.roles to info.picocli;
    opens app.tax.analytics.bootstrap.admin to info.picocli;
}
