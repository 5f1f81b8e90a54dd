package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.out.TokenCodec;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link Authenticate}: password check with brute-force limits per account and per client IP. */
public final class AuthenticationService implements Authenticate {
    /** Hash compared when the account does not exist, so both cases take as long. */
    private final String decoyHash;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final LoginThrottle perAccount;
    private final LoginThrottle perClient;
    private final Duration tokenLifetime;
    private final Clock clock;

    public AuthenticationService(UserStore users, PasswordHasher hasher, TokenCodec tokens, Duration tokenLifetime,
                                 Clock clock) {
        this.users = Objects.requireNonNull(users);
        this.hasher = Objects.requireNonNull(hasher);
        this.tokens = Objects.requireNonNull(tokens);
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime);
        this.clock = Objects.requireNonNull(clock);
        this.perAccount = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        this.perClient = new LoginThrottle(20, Duration.ofMinutes(15), clock);
        this.decoyHash = hasher.hash(UserService.generatePassword());
    }

    @Override
    public LoginOutcome login(String email, String password, String clientIp) {
        String accountKey = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        String clientKey = clientIp == null ? "" : clientIp;
        Optional<Duration> locked = longest(perAccount.lockedFor(accountKey), perClient.lockedFor(clientKey));
        if (locked.isPresent()) {
            return new LoginOutcome.Throttled(locked.get());
        }
        Optional<DashboardUser> user = Optional.empty();
        try {
            user = users.find(DashboardUser.normalizeEmail(email));
        } catch (IllegalArgumentException notAnEmail) {
            // falls through to the failure path
        }
        boolean ok = hasher.matches(password, user.map(DashboardUser::passwordHash).orElse(decoyHash)) && user.isPresent();
        if (!ok) {
            perAccount.recordFailure(accountKey);
            perClient.recordFailure(clientKey);
            return new LoginOutcome.InvalidCredentials();
        }
        perAccount.recordSuccess(accountKey);
        Instant expiresAt = clock.instant().plus(tokenLifetime);
        return new LoginOutcome.LoggedIn(tokens.issue(user.get().email(), user.get().role().wireName(), expiresAt), expiresAt, user.get());
    }

    @Override
    public Optional<DashboardUser> userFor(String token) {
        return tokens.verify(token).flatMap(users::find);
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }
}
