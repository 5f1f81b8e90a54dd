package app.tax.analytics.bootstrap.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** Dashboard sign-in: token signing and the first admin account. */
public final class AuthOptions {
    /** HS256 wants a key at least as long as its output. */
    public static final int MIN_SECRET_BYTES = 32;

    @Option(names = "--jwt-secret", paramLabel = "SECRET", defaultValue = "${env:JWT_SECRET}", showDefaultValue = Visibility.NEVER,
            description = "JWT_SECRET: key that signs dashboard tokens, at least 32 bytes; same on every dashboard instance.")
    String jwtSecret;

    @Option(names = "--session-expiry-hours", paramLabel = "H", defaultValue = "${env:SESSION_EXPIRY_HOURS}",
            description = "SESSION_EXPIRY_HOURS: lifetime of a dashboard token. Default 24.")
    String sessionExpiryHours;

    @Option(names = "--admin-email", paramLabel = "EMAIL", defaultValue = "${env:ADMIN_EMAIL}",
            description = "ADMIN_EMAIL: the first admin's e-mail, created when no account exists. Default admin@localhost.")
    String adminEmail;

    @Option(names = "--admin-password", paramLabel = "PASSWORD", defaultValue = "${env:ADMIN_PASSWORD}", showDefaultValue = Visibility.NEVER,
            description = "ADMIN_PASSWORD: the first admin's password (at least 12 characters); generated and printed once when unset.")
    String adminPassword;

    public boolean hasJwtSecret() {
        return Values.isSet(jwtSecret);
    }

    /** The signing key; refuses a missing or short one. */
    public byte[] jwtSecret() {
        String secret = Values.required("JWT_SECRET", jwtSecret, "(at least " + MIN_SECRET_BYTES + " bytes) to sign dashboard tokens");
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    public Duration tokenLifetime() {
        return Duration.ofHours(Values.integer("SESSION_EXPIRY_HOURS", sessionExpiryHours, 24, 1, 24 * 90));
    }

    public String adminEmail() {
        return Values.text(adminEmail, "admin@localhost");
    }

    public String adminPassword() {
        return Values.isSet(adminPassword) ? adminPassword : null;
    }
}
