package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.enrich.GeoLocation;

/** IP address → country, region, city. */
public interface GeoLocator {
    /** {@link GeoLocation#UNKNOWN} for private, malformed or unknown addresses; never throws for bad input. */
    GeoLocation locate(String ip);

    /** A locator that knows nothing, when no GeoIP database is configured. */
    GeoLocator NONE = ip -> GeoLocation.UNKNOWN;
}
