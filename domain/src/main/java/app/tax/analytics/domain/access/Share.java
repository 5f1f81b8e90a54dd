package app.tax.analytics.domain.access;

import app.tax.analytics.domain.source.SourceName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shared link: the dashboard of one source, read-only, without signing in. The id is the secret of a share
 * without a password (128 random bits), so it is never logged.
 *
 * @param passwordHash  an encoded password hash like an account's, or null: no password
 * @param embedOrigins  origins ({@code https://host[:port]}) whose pages may frame it; empty: none may
 */
public record Share(String id, String source, String passwordHash, List<String> embedOrigins, int minVisitors,
                    Instant createdAt) implements Viewer {
    public static final int MAX_EMBED_ORIGINS = 20;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public Share {
        if (!isId(id)) {
            throw new IllegalArgumentException("a share id is 22 URL-safe characters");
        }
        if (!SourceName.isValid(source)) {
            throw new IllegalArgumentException("source: " + SourceName.RULE);
        }
        if (passwordHash != null && passwordHash.isBlank()) {
            passwordHash = null;
        }
        embedOrigins = List.copyOf(Objects.requireNonNull(embedOrigins, "embedOrigins"));
        if (embedOrigins.size() > MAX_EMBED_ORIGINS) {
            throw new IllegalArgumentException("embedOrigins: at most " + MAX_EMBED_ORIGINS);
        }
        embedOrigins.forEach(origin -> {
            if (!origin.equals(normalizeOrigin(origin))) {
                throw new IllegalArgumentException("embedOrigins: '" + origin + "' is not an origin such as https://intranet.tax.app");
            }
        });
        SmallCounts.check(minVisitors);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Optional<String> password() {
        return Optional.ofNullable(passwordHash);
    }

    @Override
    public boolean maySee(String candidate) {
        return source.equals(candidate);
    }

    /**
     * An origin as a browser sends it: lower-case {@code http(s)://host[:port]}, no path, query or user.
     *
     * @throws IllegalArgumentException naming the value when it is not one
     */
    public static String normalizeOrigin(String origin) {
        String problem = "embedOrigins: '" + origin + "' is not an origin such as https://intranet.tax.app";
        if (origin == null || origin.isBlank() || origin.length() > 255) {
            throw new IllegalArgumentException(problem);
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !uri.getHost().matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException(problem);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
