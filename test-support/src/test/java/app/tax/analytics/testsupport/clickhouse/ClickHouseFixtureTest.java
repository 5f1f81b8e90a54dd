package app.tax.analytics.testsupport.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the benchmarks and tests rely on in the engine's HTTP interface, whichever engine the fixture found. */
class ClickHouseFixtureTest {
    private final ClickHouseFixture engine = ClickHouseFixture.shared();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rowsInABinaryFormatInTheBodyOfAnInsertAreStoredAsSent() throws Exception {
        String database = engine.newDatabase("fixture_binary");
        send(null, "CREATE DATABASE " + database, new byte[0]);
        try {
            send(database, "CREATE TABLE notes (name String, note Nullable(String), at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY name",
                    new byte[0]);
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            // bytes that are not UTF-8 text (0xE8, 0x03, NUL in the Int64s) must arrive unchanged
            row(rows, "a", null, 1_000);
            row(rows, "b\u00e9\t\n", "x\u0000y", 1_764_000_123_456L);

            send(database, "INSERT INTO notes (name, note, at) FORMAT RowBinary", rows.toByteArray());

            assertThat(send(database, "SELECT name, note, toUnixTimestamp64Milli(at) FROM notes ORDER BY name FORMAT TSV", new byte[0]))
                    .isEqualTo("a\t\\N\t1000\nb\u00e9\\t\\n\tx\\0y\t1764000123456\n");
        } finally {
            send(null, "DROP DATABASE IF EXISTS " + database, new byte[0]);
        }
    }

    /** One RowBinary row of (String, Nullable(String), DateTime64(3)). */
    private static void row(ByteArrayOutputStream out, String name, String note, long epochMillis) {
        string(out, name);
        out.write(note == null ? 1 : 0);
        if (note != null) {
            string(out, note);
        }
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(epochMillis).array());
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int length = bytes.length; ; length >>>= 7) {
            if (length < 0x80) {
                out.write(length);
                break;
            }
            out.write((length & 0x7F) | 0x80);
        }
        out.writeBytes(bytes);
    }

    /** The query in the URL, the data in the body, as a client's insert sends them; the answer's text. */
    private String send(String database, String query, byte[] data) throws IOException, InterruptedException {
        String url = "http://" + engine.host() + ":" + engine.port() + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + (database == null ? "" : "&database=" + database);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(data));
        if (engine.user() != null && !engine.user().isBlank()) {
            String credentials = engine.user() + ":" + (engine.password() == null ? "" : engine.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(200);
        return response.body();
    }
}
