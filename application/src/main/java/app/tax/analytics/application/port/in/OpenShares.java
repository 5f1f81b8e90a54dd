package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.access.Share;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Opening a shared link without an account: its password, when it has one, gives a short-lived token. */
public interface OpenShares {

    Optional<Share> find(String id);

    /** Wrong passwords are throttled like sign-ins, per share and client address. */
    UnlockOutcome unlock(String id, String password, String clientIp);

    /**
     * The share that may be read with {@code token} (from {@link #unlock}); a share without a password needs
     * none ({@code token} may then be null).
     */
    Optional<Share> readable(String id, String token);

    sealed interface UnlockOutcome {
        record Unlocked(String token, Instant expiresAt) implements UnlockOutcome {
        }

        /** No such share, or it has been deleted. */
        record NotFound() implements UnlockOutcome {
        }

        record WrongPassword() implements UnlockOutcome {
        }

        record Throttled(Duration retryAfter) implements UnlockOutcome {
        }
    }
}
