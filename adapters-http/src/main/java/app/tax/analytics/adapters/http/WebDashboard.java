package app.tax.analytics.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web dashboard: {@code GET /} is its page, {@code /ui/*} its scripts and styles (from this module's
 * {@code web/} resources) and {@code /ui/vendor/*} the uPlot charting library (from its webjar). Files are
 * read through this class so that the module's own resources are found on the module path as on the class
 * path; the name pattern admits no {@code ..} and no hidden files. Browsers revalidate every file on each load
 * and get a 304 while its ETag (a hash of the content) still matches.
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
    /** Files read so far, by resource URL: the jar does not change while the server runs. */
    private static final Map<String, Asset> ASSETS = new ConcurrentHashMap<>();

    private record Asset(byte[] content, String etag) {
    }

    private WebDashboard() {
    }

    static void register(Javalin app) {
        app.get("/", WebDashboard::sendPage);
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

    /** The dashboard's page (also a shared link's: its scripts tell the two apart by the path). */
    static void sendPage(Context ctx) {
        send(ctx, "index.html", WebDashboard.class.getResource("/web/index.html"));
    }

    private static void send(Context ctx, String file, URL resource) {
        if (resource == null) {
            throw new HttpFailure(404, "no such file");
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        Asset asset = ASSETS.computeIfAbsent(resource.toString(), key -> read(resource));
        // revalidated on every load, so that a new release is picked up at once
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(Optional.ofNullable(CONTENT_TYPES.get(extension)).orElse("application/octet-stream"));
        ctx.result(asset.content());
    }

    private static Asset read(URL resource) {
        try (InputStream in = resource.openStream()) {
            byte[] content = in.readAllBytes();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return new Asset(content, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
