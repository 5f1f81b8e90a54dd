package app.tax.analytics.adapters.geoip;

import app.tax.analytics.application.port.out.GeoLocator;

/** A {@link GeoLocator} that holds an open database file until closed. */
public interface CloseableGeoLocator extends GeoLocator, AutoCloseable {
    /** Releases the database; lookups afterwards answer {@code GeoLocation.UNKNOWN}. */
    @Override
    void close();
}
