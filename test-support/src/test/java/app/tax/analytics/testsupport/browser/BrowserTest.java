package app.tax.analytics.testsupport.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The fixture drives Debian's headless Chromium against a page on loopback. */
class BrowserTest {
    @Test
    void rendersALocalPageRunsItsScriptAndTakesAScreenshot() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = "<!doctype html><title>t</title><p id=p>static</p><script>document.getElementById('p').textContent=navigator.userAgent</script>"
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try (Browser browser = Browser.start(Path.of("target/screenshots"), 800, 600)) {
            browser.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(browser.driver().findElement(By.id("p")).getText()).isEqualTo(Browser.DESKTOP_CHROME_UA);
            Path shot = browser.screenshot("browser-fixture");
            assertThat(Files.size(shot)).isGreaterThan(1000);
        } finally {
            server.stop(0);
        }
    }
}
