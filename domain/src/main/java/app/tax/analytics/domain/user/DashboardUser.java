package app.tax.analytics.domain.user;

import app.tax.analytics.domain.access.SmallCounts;
import app.tax.analytics.domain.access.Viewer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dashboard account.
 *
 * @param email        the login, normalized to lower case
 * @param passwordHash an encoded password hash (never the password)
 * @param sources      sources a viewer may read; empty means all
 * @param tokenVersion the version its sign-in tokens must carry: changing it revokes every token issued before
 *                     (a new account gets a random one, so a re-created e-mail never matches old tokens)
 * @param minVisitors  a viewer's small-count limit: breakdown rows of fewer visitors are suppressed; 0 for none
 *                     (always 0 for an admin, who manages the limits)
 */
public record DashboardUser(String email, Role role, String passwordHash, Set<String> sources, Instant createdAt,
                            long tokenVersion, int minVisitors) implements Viewer {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public DashboardUser {
        email = normalizeEmail(email);
        Objects.requireNonNull(role, "role");
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("passwordHash is required");
        }
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        Objects.requireNonNull(createdAt, "createdAt");
        SmallCounts.check(minVisitors);
        if (role == Role.ADMIN && minVisitors > 0) {
            throw new IllegalArgumentException("minVisitors: only a viewer can be limited");
        }
    }

    /** An account without a small-count limit. */
    public DashboardUser(String email, Role role, String passwordHash, Set<String> sources, Instant createdAt,
                         long tokenVersion) {
        this(email, role, passwordHash, sources, createdAt, tokenVersion, 0);
    }

    /** An account whose token version is 0 (stores written before token versions existed). */
    public DashboardUser(String email, Role role, String passwordHash, Set<String> sources, Instant createdAt) {
        this(email, role, passwordHash, sources, createdAt, 0);
    }

    /** @throws IllegalArgumentException when it is not an e-mail address */
    public static String normalizeEmail(String email) {
        if (email == null || !EMAIL.matcher(email.strip()).matches() || email.strip().length() > 254) {
            throw new IllegalArgumentException("email must be an e-mail address");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean maySee(String source) {
        return role == Role.ADMIN || sources.isEmpty() || sources.contains(source);
    }

    /** The account with a new password; tokens issued before no longer work. */
    public DashboardUser withPasswordHash(String newHash) {
        return new DashboardUser(email, role, newHash, sources, createdAt, tokenVersion + 1, minVisitors);
    }
}
