/** GeoIP lookups ({@code GeoLocator}) from a MaxMind GeoIP2/GeoLite2 City database file, and its download. */
module app.tax.analytics.adapters.geoip {
    requires app.tax.analytics.application;
    requires com.maxmind.geoip2;
    requires org.apache.commons.compress;
    requires java.net.http;

    exports app.tax.analytics.adapters.geoip;
}
