package app.tax.analytics.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web dashboard: {@code GET /} is its page, {@code /ui/*} its scripts and styles (from this module's
 * {@code web/} resources) and {@code /ui/vendor/*} the uPlot charting library (from its webjar). Files are
 * read through this class so that the module's own resources are found on the module path as on the class
 * path; the name pattern admits no {@code ..} and no hidden files.
 */
final class WebDashboard {
    private static final String UPLOT_DIST = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\\.(js|css|html|svg)");
    private static final Pattern VENDOR_FILE = Pattern.compile("uPlot\\.(esm\\.js|min\\.css)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml");

    private WebDashboard() {
    }

    static void register(Javalin app) {
        app.get("/", ctx -> send(ctx, "index.html", WebDashboard.class.getResource("/web/index.html")));
        app.get("/ui/vendor/{file}", ctx -> {
            String file = ctx.pathParam("file");
            send(ctx, file, VENDOR_FILE.matcher(file).matches()
                    ? WebDashboard.class.getClassLoader().getResource(UPLOT_DIST + file) : null);
        });
        app.get("/ui/<file>", ctx -> {
            String file = ctx.pathParam("file");
            send(ctx, file, FILE_NAME.matcher(file).matches() ? WebDashboard.class.getResource("/web/" + file) : null);
        });
    }

    private static void send(Context ctx, String file, URL resource) {
        if (resource == null) {
            throw new HttpFailure(404, "no such file");
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        byte[] content;
        try (InputStream in = resource.openStream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        // revalidated on every load, so that a new release is picked up at once
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(Optional.ofNullable(CONTENT_TYPES.get(extension)).orElse("application/octet-stream"));
        ctx.result(content);
    }
}
