package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.out.TokenCodec;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Authenticate}: password check with brute-force limits. Wrong passwords lock out one client address
 * for one account (5 in 15 min) and a client address for every account (20 in 15 min); per account, from
 * any address, they only slow sign-ins down (after 10, 1 s doubling to at most 30 s between attempts), so
 * nobody can lock someone else out. Tokens carry the account's token version and stop working when it changes.
 */
public final class AuthenticationService implements Authenticate {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_ACCOUNT_DELAY = Duration.ofSeconds(30);

    /** Hash compared when the account does not exist, so both cases take as long. */
    private final String decoyHash;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final LoginThrottle perClientAndAccount;
    private final LoginThrottle perClient;
    private final LoginThrottle perAccount;
    private final Duration tokenLifetime;
    private final Clock clock;

    public AuthenticationService(UserStore users, PasswordHasher hasher, TokenCodec tokens, Duration tokenLifetime,
                                 Clock clock) {
        this.users = Objects.requireNonNull(users);
        this.hasher = Objects.requireNonNull(hasher);
        this.tokens = Objects.requireNonNull(tokens);
        this.tokenLifetime = Objects.requireNonNull(tokenLifetime);
        this.clock = Objects.requireNonNull(clock);
        this.perClientAndAccount = LoginThrottle.lockout(5, WINDOW, clock);
        this.perClient = LoginThrottle.lockout(20, WINDOW, clock);
        this.perAccount = LoginThrottle.slowdown(10, WINDOW, MAX_ACCOUNT_DELAY, clock);
        this.decoyHash = hasher.hash(UserService.generatePassword());
    }

    @Override
    public LoginOutcome login(String email, String password, String clientIp) {
        String accountKey = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String clientKey = clientIp == null ? "" : clientIp;
        String pairKey = accountKey + "\n" + clientKey;
        // reserved before the slow hash: parallel attempts cannot all pass before a failure is counted
        Optional<Duration> wait = perClient.reserve(clientKey);
        if (wait.isPresent()) {
            AuditLog.signInThrottled(email, clientIp);
            return new LoginOutcome.Throttled(wait.get());
        }
        wait = perClientAndAccount.reserve(pairKey);
        if (wait.isPresent()) {
            perClient.release(clientKey);
            AuditLog.signInThrottled(email, clientIp);
            return new LoginOutcome.Throttled(wait.get());
        }
        wait = perAccount.reserve(accountKey);
        if (wait.isPresent()) {
            perClient.release(clientKey);
            perClientAndAccount.release(pairKey);
            AuditLog.signInThrottled(email, clientIp);
            return new LoginOutcome.Throttled(wait.get());
        }
        Optional<DashboardUser> user = Optional.empty();
        try {
            user = users.find(DashboardUser.normalizeEmail(email));
        } catch (IllegalArgumentException notAnEmail) {
            // falls through to the failure path
        }
        boolean ok = hasher.matches(password, user.map(DashboardUser::passwordHash).orElse(decoyHash)) && user.isPresent();
        if (!ok) {
            AuditLog.signInFailed(email, clientIp);
            return new LoginOutcome.InvalidCredentials();
        }
        // a success clears its own address's record for the account; the others keep counting
        perClientAndAccount.forget(pairKey);
        perClient.release(clientKey);
        perAccount.release(accountKey);
        DashboardUser signedIn = user.get();
        AuditLog.signedIn(signedIn.email(), clientIp);
        Instant expiresAt = clock.instant().plus(tokenLifetime);
        return new LoginOutcome.LoggedIn(tokens.issue(signedIn.email(), signedIn.role().wireName(), signedIn.tokenVersion(),
                expiresAt), expiresAt, signedIn);
    }

    @Override
    public Optional<DashboardUser> userFor(String token) {
        // tokens of shared links (ShareService) are signed alike but name no account
        return tokens.verify(token).filter(claims -> !ShareService.isShareSubject(claims.subject()))
                .flatMap(claims -> users.find(claims.subject()).filter(user -> user.tokenVersion() == claims.tokenVersion()));
    }
}
