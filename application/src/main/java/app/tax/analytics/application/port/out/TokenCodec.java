package app.tax.analytics.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Signs and verifies dashboard session tokens. */
public interface TokenCodec {
    /** A signed token for {@code subject} at the account's {@code tokenVersion}, expiring at {@code expiresAt}. */
    String issue(String subject, String role, long tokenVersion, Instant expiresAt);

    /** The claims of a valid, unexpired token; empty for anything else. */
    Optional<Claims> verify(String token);

    /** What a valid token says: whose it is and the account's token version when it was issued. */
    record Claims(String subject, long tokenVersion) {
    }
}
