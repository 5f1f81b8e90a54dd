package app.tax.analytics.adapters.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Entry point of the Redis adapters, for the bootstrap's wiring. */
public final class RedisAdapters {
    private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-socket");
    private static final int HIGHEST_PORT = 65_535;

    private RedisAdapters() {
    }

    /**
     * Opens the adapters for {@code settings}. Returns at once: the server need not be up yet (the connection is
     * made in the background and again on use until it succeeds).
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL; the message never shows its password
     */
    public static RedisConnection connect(RedisSettings settings) {
        return connect(settings, RedisObserver.NONE);
    }

    /** The same, reporting to {@code observer} what metrics count (dead letters, topology refreshes). */
    public static RedisConnection connect(RedisSettings settings, RedisObserver observer) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(observer, "observer");
        return new LettuceRedisConnection(settings, parseSeeds(settings.url()), observer);
    }

    /**
     * {@code REDIS_URL} as one URL or a comma-separated list of seed nodes of a cluster; a seed without a scheme
     * ({@code redis://a:6379,b:6379}) takes the first one's scheme and credentials.
     */
    static List<RedisURI> parseSeeds(String urls) {
        String[] parts = urls.split(",");
        List<RedisURI> seeds = new ArrayList<>(parts.length);
        String first = parts[0].strip();
        int schemeEnd = first.indexOf("://");
        int hostStart = first.lastIndexOf('@') > schemeEnd ? first.lastIndexOf('@') + 1 : schemeEnd + 3;
        String prefix = schemeEnd < 0 ? "" : first.substring(0, hostStart);
        for (String part : parts) {
            String seed = part.strip();
            if (seed.isEmpty()) {
                throw invalid(Redaction.url(urls), "an empty entry in the list of seed nodes");
            }
            seeds.add(parseUrl(seed.contains("://") ? seed : prefix + seed));
        }
        return seeds;
    }

    /** Validates more strictly than Lettuce, which takes e.g. {@code redis://host:notaport} as a host name. */
    static RedisURI parseUrl(String url) {
        String shown = Redaction.url(url);
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // URISyntaxException's message repeats the input, password included: only its reason is shown.
            throw invalid(shown, e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw invalid(shown, "the scheme must be one of " + SCHEMES + ", e.g. redis://localhost:6379");
        }
        if (!"redis-socket".equals(scheme)) {
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw invalid(shown, "no host name (or the port is not a number)");
            }
            if (uri.getPort() == 0 || uri.getPort() > HIGHEST_PORT) {
                throw invalid(shown, "the port must be 1-" + HIGHEST_PORT);
            }
        }
        try {
            return RedisURI.create(url.strip());
        } catch (RuntimeException e) {
            throw invalid(shown, Redaction.text(String.valueOf(e.getMessage())).replace(url, shown));
        }
    }

    private static IllegalArgumentException invalid(String shownUrl, String reason) {
        return new IllegalArgumentException("REDIS_URL " + shownUrl + " is not a valid Redis URL: " + reason);
    }
}
