package app.tax.analytics.adapters.geoip;

import app.tax.analytics.domain.enrich.GeoLocation;
import com.maxmind.db.DeserializationException;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/** City lookups through geoip2's {@link DatabaseReader}; thread-safe, as the reader is. */
final class MaxMindGeoLocator implements CloseableGeoLocator {
    private static final System.Logger LOG = System.getLogger(MaxMindGeoLocator.class.getName());

    private final DatabaseReader reader;
    /** A damaged database fails the same way for many addresses: say so once, not per event. */
    private final AtomicBoolean lookupFailureReported = new AtomicBoolean();
    /** Events still draining at shutdown may ask after close: they get no location, not a warning. */
    private volatile boolean closed;

    MaxMindGeoLocator(DatabaseReader reader) {
        this.reader = reader;
    }

    /** When MaxMind built the database (its metadata's build epoch). */
    java.time.Instant buildTime() {
        return reader.getMetadata().buildTime();
    }

    @Override
    public GeoLocation locate(String ip) {
        InetAddress address = PublicIpAddress.parse(ip);
        if (address == null || closed) {
            return GeoLocation.UNKNOWN;
        }
        try {
            return reader.tryCity(address).map(MaxMindGeoLocator::toLocation).orElse(GeoLocation.UNKNOWN);
        } catch (IOException | GeoIp2Exception | DeserializationException e) {
            // Enrichment is best effort: an event without a location is still counted.
            if (lookupFailureReported.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "GeoIP lookup failed; events get no location while it does: " + e, e);
            }
            return GeoLocation.UNKNOWN;
        }
    }

    private static GeoLocation toLocation(CityResponse response) {
        // Names come in the reader's locale ("en" by default); the region is the most specific
        // subdivision (a county rather than its state), which is what a city breakdown groups under.
        String country = blankToNull(response.country().isoCode());
        String region = blankToNull(response.mostSpecificSubdivision().name());
        String city = blankToNull(response.city().name());
        if (country == null && region == null && city == null) {
            return GeoLocation.UNKNOWN;
        }
        return new GeoLocation(country, region, city);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the GeoIP database", e);
        }
    }
}
