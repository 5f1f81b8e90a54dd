package app.tax.analytics.domain.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The session rule (docs/ARCHITECTURE.md, "Pipeline guarantees"): without an SDK session id, consecutive events of one visitor belong to
 * one session while the gap between them is at most the timeout (a gap of exactly the timeout continues).
 */
public record SessionRule(Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public SessionRule {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("session timeout must be positive");
        }
    }

    /**
     * Whether an event at {@code next} belongs to {@code session}: no more than the timeout after its last
     * event, nor before its first (events may arrive out of order).
     */
    public boolean continues(SessionActivity session, Instant next) {
        return !next.isBefore(session.firstActivity().minus(timeout)) && !next.isAfter(session.lastActivity().plus(timeout));
    }

    /** The stored id of a session the SDK named: the SDK's id scoped to one visitor of one source. */
    public static String sdkSessionId(String source, String visitorId, String sdkSessionId) {
        return digest(source + '\n' + visitorId + "\nsdk\n" + sdkSessionId);
    }

    /** A deterministic id for the session a visitor started at {@code start}, so a replay derives the same id. */
    public static String sessionId(String source, String visitorId, Instant start) {
        return digest(source + '\n' + visitorId + '\n' + start.toEpochMilli());
    }

    private static String digest(String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
