package app.tax.analytics.adapters.geoip;

import java.time.Instant;

/** An open City database file, followed on disk, with what the metrics report about it. */
public interface GeoIpDatabase extends CloseableGeoLocator {
    /** When MaxMind built the database in use (its metadata's build epoch). */
    Instant buildTime();
}
