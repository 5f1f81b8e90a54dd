package app.tax.analytics.adapters.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/** Opens MaxMind GeoIP2 / GeoLite2 City databases ({@code .mmdb}) as {@link CloseableGeoLocator}s. */
public final class GeoIp {
    /**
     * Decoded records kept by data offset. Many addresses share a record (one per city), so a few
     * thousand entries cover most traffic; CHMCache stops adding once full, so memory stays bounded.
     */
    private static final int DECODED_RECORD_CACHE_ENTRIES = 4096;

    private GeoIp() {
    }

    /**
     * Opens a City database, memory-mapped.
     *
     * @throws IOException naming the file when it is missing, unreadable, not a MaxMind DB, or a
     *                     MaxMind DB without city data (an ASN or Country database)
     */
    public static CloseableGeoLocator open(Path mmdbFile) throws IOException {
        return openReader(mmdbFile);
    }

    /**
     * Opens a City database and follows its file: a file replaced on disk (as {@code geoip-update} does)
     * is opened at the first lookup after {@code checkEvery}, without a restart. A replacement that cannot
     * be opened is reported and the database in use is kept.
     */
    public static GeoIpDatabase openFollowing(Path mmdbFile, java.time.Duration checkEvery) throws IOException {
        return new FollowingGeoLocator(mmdbFile, checkEvery, System::nanoTime);
    }

    static MaxMindGeoLocator openReader(Path mmdbFile) throws IOException {
        Objects.requireNonNull(mmdbFile, "mmdbFile");
        if (Files.notExists(mmdbFile)) {
            throw new NoSuchFileException(mmdbFile.toString(), null, "GeoIP database file not found");
        }
        if (!Files.isRegularFile(mmdbFile)) {
            throw new IOException(mmdbFile + ": not a GeoIP database file (not a regular file)");
        }
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(mmdbFile.toFile())
                .withCache(new CHMCache(DECODED_RECORD_CACHE_ENTRIES))
                .build();
        } catch (InvalidDatabaseException | RuntimeException e) {
            throw new IOException(mmdbFile + ": not a valid MaxMind DB (.mmdb) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(mmdbFile + ": cannot read GeoIP database: " + e.getMessage(), e);
        }
        try {
            requireCityData(reader, mmdbFile);
        } catch (IOException e) {
            closeQuietly(reader, e);
            throw e;
        }
        return new MaxMindGeoLocator(reader);
    }

    /**
     * Fails now rather than on every lookup: a City lookup on, say, a Country database throws
     * UnsupportedOperationException. Asking the reader itself keeps its rule of which database types
     * carry city data; the probe also walks the search tree once.
     */
    private static void requireCityData(DatabaseReader reader, Path mmdbFile) throws IOException {
        String databaseType = reader.getMetadata().databaseType();
        try {
            reader.tryCity(InetAddress.getByAddress(new byte[4]));
        } catch (UnsupportedOperationException e) {
            throw new IOException(mmdbFile + ": a " + databaseType
                + " database has no city data; use a GeoIP2 or GeoLite2 City database", e);
        } catch (GeoIp2Exception | IOException | RuntimeException e) {
            throw new IOException(mmdbFile + ": damaged " + databaseType + " database: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(DatabaseReader reader, IOException failure) {
        try {
            reader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
