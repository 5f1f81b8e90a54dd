package app.tax.analytics.domain.user;

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
 */
public record DashboardUser(String email, Role role, String passwordHash, Set<String> sources, Instant createdAt) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public DashboardUser {
        email = normalizeEmail(email);
        Objects.requireNonNull(role, "role");
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("passwordHash is required");
        }
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @throws IllegalArgumentException when it is not an e-mail address */
    public static String normalizeEmail(String email) {
        if (email == null || !EMAIL.matcher(email.strip()).matches() || email.strip().length() > 254) {
            throw new IllegalArgumentException("email must be an e-mail address");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public boolean maySee(String source) {
        return role == Role.ADMIN || sources.isEmpty() || sources.contains(source);
    }

    public DashboardUser withPasswordHash(String newHash) {
        return new DashboardUser(email, role, newHash, sources, createdAt);
    }
}
