/**
 * HTTP adapters (Javalin): the Segment-compatible collector API, the dashboard API, and health/metrics
 * endpoints. Only {@code HttpServers}, {@code JwtTokens} and their parameter types are public.
 */
module app.tax.analytics.adapters.http {
    requires transitive app.tax.analytics.application;
    requires transitive micrometer.registry.prometheus;
    requires io.javalin;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.auth0.jwt;
    requires micrometer.core;
    requires org.apache.commons.csv;

    exports app.tax.analytics.adapters.http;
    // request bodies are bound to the routes' package-private records
    opens app.tax.analytics.adapters.http to com.fasterxml.jackson.databind;
}
