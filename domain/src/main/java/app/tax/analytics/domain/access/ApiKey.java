package app.tax.analytics.domain.access;

import app.tax.analytics.domain.source.SourceName;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A key for reading the stats API of some sources, without an account. Only a hash of the key is kept: the
 * key itself is shown once, when it is created.
 *
 * @param id      public, part of the key; what a revocation names
 * @param keyHash hex SHA-256 of the whole key
 */
public record ApiKey(String id, String name, Set<String> sources, int minVisitors, String keyHash, Instant createdAt)
        implements Viewer {
    public static final int MAX_NAME_LENGTH = 100;
    /** How every key starts, so that a bearer token is told apart from a sign-in token. */
    public static final String PREFIX = "ak_";
    private static final Pattern ID = Pattern.compile("[a-z0-9]{12}");

    public ApiKey {
        if (!isId(id)) {
            throw new IllegalArgumentException("an API key id is 12 lower-case letters or digits");
        }
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name: must be 1-" + MAX_NAME_LENGTH + " characters");
        }
        name = name.strip();
        sources = Set.copyOf(Objects.requireNonNull(sources, "sources"));
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources: must name at least one source");
        }
        sources.forEach(source -> {
            if (!SourceName.isValid(source)) {
                throw new IllegalArgumentException("sources: '" + source + "' is not a source name; " + SourceName.RULE);
            }
        });
        SmallCounts.check(minVisitors);
        if (keyHash == null || keyHash.isBlank()) {
            throw new IllegalArgumentException("keyHash is required");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether a bearer token is meant as an API key (rather than a sign-in token). */
    public static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    @Override
    public boolean maySee(String source) {
        return sources.contains(source);
    }
}
