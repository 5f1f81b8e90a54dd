package app.tax.analytics.adapters.geoip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Downloads a City database the way MaxMind publishes it (a {@code .tar.gz} holding the {@code .mmdb},
 * with a {@code .sha256} file beside it), checks the archive's SHA-256, checks that the database opens as
 * a City database, and only then moves it over the target file in one atomic rename: a processor reading
 * the target sees the old file or the new one, never a partial one. Nothing is changed on any failure.
 */
public final class GeoIpDownload {
    /** What was installed. */
    public record Installed(Path file, Instant buildTime, String sha256) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private GeoIpDownload() {
    }

    /**
     * @param archive  the {@code .tar.gz} (URLs may carry a license key: they are never put into messages)
     * @param checksum its {@code .sha256}: the hex digest, optionally followed by the file name
     * @throws IOException saying which step failed; the target is then untouched
     */
    public static Installed install(HttpClient http, URI archive, URI checksum, Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path download = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tar.gz");
        Path extracted = Files.createTempFile(folder, "." + target.getFileName() + ".", ".mmdb");
        try {
            String expected = expectedDigest(get(http, checksum, "checksum", HttpResponse.BodyHandlers.ofString()));
            String actual = fetchTo(http, archive, download);
            if (!actual.equals(expected)) {
                throw new IOException("the downloaded archive's SHA-256 is " + actual + ", the checksum file says " + expected
                        + ": not installed");
            }
            extractDatabase(download, extracted);
            Instant buildTime;
            try (MaxMindGeoLocator check = GeoIp.openReader(extracted)) {
                buildTime = check.buildTime();
            }
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Installed(target, buildTime, actual);
        } finally {
            Files.deleteIfExists(download);
            Files.deleteIfExists(extracted);
        }
    }

    private static String fetchTo(HttpClient http, URI archive, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream body = new DigestInputStream(get(http, archive, "archive", HttpResponse.BodyHandlers.ofInputStream()), sha256);
             OutputStream out = Files.newOutputStream(file)) {
            body.transferTo(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void extractDatabase(Path archive, Path mmdb) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && entry.getName().endsWith(".mmdb")) {
                    Files.copy(tar, mmdb, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("the downloaded archive is not a .tar.gz: " + e.getMessage(), e);
        }
        throw new IOException("the downloaded archive holds no .mmdb file");
    }

    private static String expectedDigest(String checksumFile) throws IOException {
        String digest = checksumFile.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IOException("the checksum file does not start with a SHA-256 digest");
        }
        return digest;
    }

    private static <T> T get(HttpClient http, URI uri, String what, HttpResponse.BodyHandler<T> body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<T> response;
        try {
            response = http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading the " + what, e);
        } catch (IOException e) {
            throw new IOException("downloading the " + what + " from " + withoutQuery(uri) + " failed: " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream stream) {
                stream.close();
            }
            String hint = response.statusCode() == 401 ? " (is MAXMIND_LICENSE_KEY right?)" : "";
            throw new IOException("downloading the " + what + " from " + withoutQuery(uri) + " answered HTTP " + response.statusCode() + hint);
        }
        return response.body();
    }

    /** The query holds the license key: messages show only scheme, host and path. */
    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
