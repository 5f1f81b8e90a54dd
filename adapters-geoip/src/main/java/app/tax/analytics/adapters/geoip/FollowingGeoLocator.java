package app.tax.analytics.adapters.geoip;

import app.tax.analytics.domain.enrich.GeoLocation;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Lookups in a database file that may be replaced while the processor runs. At most once per
 * {@code checkEvery} a lookup looks at the file's modification time, size and identity; when they
 * changed it opens the new file and swaps it in. The replaced reader is closed only at the next swap (or
 * on close), so lookups still running on it finish normally.
 */
final class FollowingGeoLocator implements GeoIpDatabase {
    private static final System.Logger LOG = System.getLogger(FollowingGeoLocator.class.getName());

    private final Path file;
    private final long checkEveryNanos;
    private final LongSupplier nanoTime;
    private volatile MaxMindGeoLocator current;
    private MaxMindGeoLocator retired;
    private List<Object> openedVersion;
    private List<Object> refusedVersion;
    private volatile long checkedAtNanos;

    FollowingGeoLocator(Path file, Duration checkEvery, LongSupplier nanoTime) throws IOException {
        this.file = Objects.requireNonNull(file);
        this.checkEveryNanos = checkEvery.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.openedVersion = version(file);
        this.current = GeoIp.openReader(file);
        this.checkedAtNanos = nanoTime.getAsLong();
    }

    @Override
    public GeoLocation locate(String ip) {
        if (nanoTime.getAsLong() - checkedAtNanos >= checkEveryNanos) {
            followFile();
        }
        return current.locate(ip);
    }

    @Override
    public Instant buildTime() {
        return current.buildTime();
    }

    private synchronized void followFile() {
        long now = nanoTime.getAsLong();
        if (now - checkedAtNanos < checkEveryNanos) {
            return;
        }
        checkedAtNanos = now;
        List<Object> version;
        try {
            version = version(file);
        } catch (IOException e) {
            report(null, "GeoIP database " + file.getFileName() + " cannot be read, the one in use is kept: " + e.getMessage());
            return;
        }
        if (version.equals(openedVersion) || version.equals(refusedVersion)) {
            return;
        }
        try {
            MaxMindGeoLocator replacement = GeoIp.openReader(file);
            if (retired != null) {
                retired.close();
            }
            retired = current;
            current = replacement;
            openedVersion = version;
            refusedVersion = null;
            LOG.log(Level.INFO, "GeoIP database {0} reloaded, built {1}", file.getFileName(), replacement.buildTime());
        } catch (IOException e) {
            report(version, "GeoIP database " + file.getFileName() + " was replaced by a file that cannot be used, the one in use is kept: "
                    + e.getMessage());
        }
    }

    /** Once per bad version of the file, not at every check. */
    private void report(List<Object> version, String message) {
        if (version == null || !version.equals(refusedVersion)) {
            LOG.log(Level.WARNING, message);
        }
        refusedVersion = version;
    }

    private static List<Object> version(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        return List.of(attributes.lastModifiedTime(), attributes.size(), key == null ? "" : key);
    }

    @Override
    public synchronized void close() {
        current.close();
        if (retired != null) {
            retired.close();
        }
    }
}
