package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser SDK as the collector serves it, and its size budget. */
class SdkRoutesTest {
    /** The budget for the SDK, gzipped. */
    static final int MAX_GZIPPED_BYTES = 5 * 1024;

    static RunningServer server;
    static HttpTestClient http;

    @BeforeAll
    static void start() {
        server = CollectorHttpTest.startCollector(new ProxyPolicy(false));
        http = new HttpTestClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSdkIsUnderFiveKilobytesGzipped() {
        int gzipped = gzip(SdkRoutes.load()).length;

        System.out.println("analytics.js: " + SdkRoutes.load().length + " bytes, " + gzipped + " bytes gzipped");
        assertThat(gzipped).isLessThan(MAX_GZIPPED_BYTES);
    }

    @Test
    void servedAsCacheableJavaScriptWithoutAWriteKeyToAnyOrigin() {
        HttpResponse<String> response = http.get(SdkRoutes.PATH, "Origin", "https://any-site.example");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/javascript"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue(SdkRoutes.CACHE_CONTROL);
        assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.body()).isEqualTo(new String(SdkRoutes.load(), StandardCharsets.UTF_8)).contains("tax-analytics.js");
    }

    @Test
    void anUnchangedSdkIsNotSentAgain() {
        String etag = http.get(SdkRoutes.PATH).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> revalidated = http.get(SdkRoutes.PATH, "If-None-Match", etag);

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(http.get(SdkRoutes.PATH, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
