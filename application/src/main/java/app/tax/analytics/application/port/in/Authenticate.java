package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.user.DashboardUser;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Dashboard sign-in and token checks. */
public interface Authenticate {

    LoginOutcome login(String email, String password, String clientIp);

    /** The user a valid token belongs to (the account must still exist). */
    Optional<DashboardUser> userFor(String token);

    sealed interface LoginOutcome {
        record LoggedIn(String token, Instant expiresAt, DashboardUser user) implements LoginOutcome {
        }

        /** Wrong e-mail or password (deliberately not saying which). */
        record InvalidCredentials() implements LoginOutcome {
        }

        /** Too many failures for this account or client. */
        record Throttled(Duration retryAfter) implements LoginOutcome {
        }
    }
}
