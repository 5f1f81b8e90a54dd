package app.tax.analytics.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Signs and verifies dashboard session tokens. */
public interface TokenCodec {
    /** A signed token for {@code subject} that expires at {@code expiresAt}. */
    String issue(String subject, String role, Instant expiresAt);

    /** The subject of a valid, unexpired token; empty for anything else. */
    Optional<String> verify(String token);
}
