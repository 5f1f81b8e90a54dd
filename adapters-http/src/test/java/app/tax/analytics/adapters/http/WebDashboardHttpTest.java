package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web dashboard's files over real HTTP: the page, its modules, uPlot from the webjar, and nothing else. */
class WebDashboardHttpTest {
    /** {@code src="/ui/..."} and {@code href="/ui/..."} in the page. */
    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"");
    /** {@code import ... from '...'} in a module. */
    private static final Pattern MODULE_IMPORT = Pattern.compile("\\bfrom '([^']+)'");

    RunningServer server;
    HttpTestClient http;

    @BeforeEach
    void start() {
        server = ServerSkeleton.start("web dashboard test", 0, ErrorStyle.PLAIN, List.of(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), WebDashboard::register);
        http = new HttpTestClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thePageIsHtmlUnderTheStrictPolicy() {
        HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/js/main.js\"></script>")
                .doesNotContain("<style").doesNotContain("style=\"").doesNotContainPattern("\\son[a-z]+=");
    }

    /** Every file the page names, and every module those import in turn, is served with its type. */
    @Test
    void everyReferencedFileAndImportedModuleIsServed() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(references(PAGE_REFERENCE, http.get("/").body(), "/"));
        while (!pending.isEmpty()) {
            String path = pending.removeFirst();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> file = http.get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            if (path.endsWith(".js")) {
                assertThat(contentType(file)).as(path).isEqualTo("text/javascript;charset=utf-8");
                pending.addAll(references(MODULE_IMPORT, file.body(), path));
            } else {
                assertThat(contentType(file)).as(path).isEqualTo("text/css;charset=utf-8");
            }
        }
        assertThat(seen).contains("/ui/app.css", "/ui/vendor/uPlot.min.css", "/ui/js/main.js", "/ui/js/dashboard.js",
                "/ui/js/chart.js", "/ui/js/account.js", "/ui/js/users.js", "/ui/vendor/uPlot.esm.js");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        HttpResponse<String> first = http.get("/ui/vendor/uPlot.esm.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        HttpResponse<String> again = http.get("/ui/vendor/uPlot.esm.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(http.get("/ui/vendor/uPlot.esm.js", "If-None-Match", "\"an-older-release\"").body())
                .isEqualTo(first.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/missing.js", "/ui/../pom.xml", "/ui/%2e%2e/module-info.class", "/ui/js/.hidden.js",
            "/ui/app.CSS", "/ui/vendor/uPlot.cjs.js", "/ui/vendor/README.md", "/index.html",
            "/ui/app/tax/analytics/adapters/http/WebDashboard.class"})
    void nothingElseIsServed(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isIn(400, 404);
        assertThat(response.body()).doesNotContain("<html").doesNotContain("package ");
    }

    /** The container may drop the space before {@code charset}. */
    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    private static List<String> references(Pattern pattern, String text, String from) {
        Matcher matcher = pattern.matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(URI.create(from).resolve(matcher.group(1)).getPath());
        }
        return found;
    }
}
