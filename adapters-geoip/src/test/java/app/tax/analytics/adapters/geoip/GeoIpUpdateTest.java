package app.tax.analytics.adapters.geoip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database lifecycle against a loopback HTTP server publishing archives as MaxMind does
 * ({@code .tar.gz} + {@code .sha256}): download, checksum, atomic replacement, and a running locator that
 * picks up the new file without a restart.
 */
class GeoIpUpdateTest {
    private static final String LONDON = "81.2.69.160";
    private final Map<String, byte[]> published = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    @TempDir
    Path folder;

    @BeforeEach
    void publish() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = published.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aNewDatabaseReplacesTheFileAndARunningLocatorFollowsIt() throws IOException {
        Path target = GeoIp2CityDatabase.create().city("81.2.69.0/24", "GB", "United Kingdom", "London", "England")
                .writeTo(folder.resolve("GeoLite2-City.mmdb"));
        try (GeoIpDatabase running = GeoIp.openFollowing(target, Duration.ZERO)) {
            assertThat(running.locate(LONDON).city()).isEqualTo("London");
            byte[] archive = archive(GeoIp2CityDatabase.create().city("81.2.69.0/24", "GB", "United Kingdom", "Croydon", "England"));
            publish("/GeoLite2-City.tar.gz", archive, sha256(archive) + "  GeoLite2-City_20261201.tar.gz\n");

            GeoIpDownload.Installed installed = GeoIpDownload.install(http, uri("/GeoLite2-City.tar.gz"),
                    uri("/GeoLite2-City.tar.gz.sha256"), target);

            assertThat(installed.sha256()).isEqualTo(sha256(archive));
            assertThat(installed.buildTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
            assertThat(running.locate(LONDON).city()).as("the running locator reopened the file").isEqualTo("Croydon");
            assertThat(running.buildTime()).isEqualTo(installed.buildTime());
            assertThat(Files.list(folder)).as("no temporary file left").containsExactly(target);
        }
    }

    @Test
    void anArchiveThatDoesNotMatchItsChecksumChangesNothing() throws IOException {
        Path target = GeoIp2CityDatabase.sample().writeTo(folder.resolve("GeoLite2-City.mmdb"));
        byte[] before = Files.readAllBytes(target);
        byte[] archive = archive(GeoIp2CityDatabase.create().city("81.2.69.0/24", "GB", "United Kingdom", "Croydon"));
        publish("/db.tar.gz", archive, "0".repeat(64) + "  db.tar.gz\n");

        assertThatThrownBy(() -> GeoIpDownload.install(http, uri("/db.tar.gz"), uri("/db.tar.gz.sha256"), target))
                .isInstanceOf(IOException.class).hasMessageContaining("SHA-256").hasMessageContaining("not installed");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        assertThat(Files.list(folder)).containsExactly(target);
    }

    @Test
    void anArchiveWithoutACityDatabaseOrARefusedDownloadChangesNothing() throws IOException {
        Path target = GeoIp2CityDatabase.sample().writeTo(folder.resolve("GeoLite2-City.mmdb"));
        byte[] before = Files.readAllBytes(target);
        byte[] notADatabase = tarGz("GeoLite2-City_20261201/GeoLite2-City.mmdb", "not a database".getBytes(StandardCharsets.UTF_8));
        publish("/bad.tar.gz", notADatabase, sha256(notADatabase));

        assertThatThrownBy(() -> GeoIpDownload.install(http, uri("/bad.tar.gz"), uri("/bad.tar.gz.sha256"), target))
                .isInstanceOf(IOException.class).hasMessageContaining("not a valid MaxMind DB");
        assertThatThrownBy(() -> GeoIpDownload.install(http, uri("/missing.tar.gz?license_key=SECRET-KEY"),
                uri("/missing.tar.gz.sha256?license_key=SECRET-KEY"), target))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 404").message().doesNotContain("SECRET-KEY");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
    }

    @Test
    void aLocatorKeepsItsDatabaseWhenTheFileIsReplacedByOneItCannotUse() throws IOException {
        Path target = GeoIp2CityDatabase.sample().writeTo(folder.resolve("GeoLite2-City.mmdb"));
        try (GeoIpDatabase running = GeoIp.openFollowing(target, Duration.ZERO)) {
            Path broken = Files.writeString(folder.resolve("broken.tmp"), "not a database");
            Files.move(broken, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            assertThat(running.locate(LONDON).city()).isEqualTo("London");
        }
    }

    private void publish(String path, byte[] archive, String checksum) {
        published.put(path, archive);
        published.put(path + ".sha256", checksum.getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    private byte[] archive(GeoIp2CityDatabase database) throws IOException {
        Path file = database.writeTo(Files.createTempFile(folder.getParent(), "db", ".mmdb"));
        try {
            return tarGz("GeoLite2-City_20261201/GeoLite2-City.mmdb", Files.readAllBytes(file));
        } finally {
            Files.delete(file);
        }
    }

    /** The layout of MaxMind's archives: a dated folder with the licence files and the database. */
    private static byte[] tarGz(String databaseName, byte[] database) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "GeoLite2-City_20261201/LICENSE.txt", "licence".getBytes(StandardCharsets.UTF_8));
            add(tar, databaseName, database);
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
