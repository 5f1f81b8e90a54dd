/** GeoIP lookups ({@code GeoLocator}) from a MaxMind GeoIP2/GeoLite2 City database file. */
module app.tax.analytics.adapters.geoip {
    requires app.tax.analytics.application;
    requires com.maxmind.geoip2;

    exports app.tax.analytics.adapters.geoip;
}
