package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.ManageShares;
import app.tax.analytics.application.port.in.OpenShares;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.TokenCodec;
import app.tax.analytics.domain.access.Share;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ManageShares} and {@link OpenShares}. A share's password is hashed like an account's
 * ({@link PasswordHasher}) and checked with the sign-in limits (5 wrong ones per share and address, 20 per
 * address, in 15 minutes); the right one gives a token for that share only, signed like sign-in tokens, valid
 * for {@link #TOKEN_LIFETIME} and only while the share exists (every read looks it up).
 */
public final class ShareService implements ManageShares, OpenShares {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    private static final String SUBJECT_PREFIX = "share:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ShareStore shares;
    private final PasswordHasher hasher;
    private final TokenCodec tokens;
    private final Clock clock;
    private final LoginThrottle perShareAndClient;
    private final LoginThrottle perClient;

    public ShareService(ShareStore shares, PasswordHasher hasher, TokenCodec tokens, Clock clock) {
        this.shares = Objects.requireNonNull(shares);
        this.hasher = Objects.requireNonNull(hasher);
        this.tokens = Objects.requireNonNull(tokens);
        this.clock = Objects.requireNonNull(clock);
        this.perShareAndClient = LoginThrottle.lockout(5, AuthenticationService.WINDOW, clock);
        this.perClient = LoginThrottle.lockout(20, AuthenticationService.WINDOW, clock);
    }

    /** Whether a token's subject is a share's rather than an account's. */
    static boolean isShareSubject(String subject) {
        return subject != null && subject.startsWith(SUBJECT_PREFIX);
    }

    @Override
    public Share create(String source, String password, List<String> embedOrigins, int minVisitors) {
        String passwordHash = null;
        if (password != null) {
            UserService.checkStrength(password);
            passwordHash = hasher.hash(password);
        }
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        (embedOrigins == null ? List.<String>of() : embedOrigins).forEach(origin -> origins.add(Share.normalizeOrigin(origin)));
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Share share = new Share(Base64.getUrlEncoder().withoutPadding().encodeToString(id), source, passwordHash,
                List.copyOf(origins), minVisitors, clock.instant());
        shares.save(share);
        AuditLog.accessChanged("share created (" + (passwordHash == null ? "no password" : "with a password") + ")", share.source());
        return share;
    }

    @Override
    public List<Share> list() {
        return shares.list();
    }

    @Override
    public boolean delete(String id) {
        Optional<Share> share = find(id);
        boolean deleted = share.isPresent() && shares.remove(id);
        if (deleted) {
            AuditLog.accessChanged("share deleted", share.get().source());
        }
        return deleted;
    }

    @Override
    public Optional<Share> find(String id) {
        return Share.isId(id) ? shares.find(id) : Optional.empty();
    }

    @Override
    public UnlockOutcome unlock(String id, String password, String clientIp) {
        Optional<Share> found = find(id);
        if (found.isEmpty()) {
            return new UnlockOutcome.NotFound();
        }
        Share share = found.get();
        if (share.password().isEmpty()) {
            return issue(share);
        }
        String clientKey = clientIp == null ? "" : clientIp;
        String pairKey = id + "\n" + clientKey;
        Optional<Duration> wait = perClient.reserve(clientKey);
        if (wait.isPresent()) {
            return new UnlockOutcome.Throttled(wait.get());
        }
        wait = perShareAndClient.reserve(pairKey);
        if (wait.isPresent()) {
            perClient.release(clientKey);
            return new UnlockOutcome.Throttled(wait.get());
        }
        if (!hasher.matches(password, share.passwordHash())) {
            return new UnlockOutcome.WrongPassword();
        }
        perShareAndClient.forget(pairKey);
        perClient.release(clientKey);
        return issue(share);
    }

    private UnlockOutcome issue(Share share) {
        Instant expiresAt = clock.instant().plus(TOKEN_LIFETIME);
        return new UnlockOutcome.Unlocked(tokens.issue(SUBJECT_PREFIX + share.id(), "share", 0, expiresAt), expiresAt);
    }

    @Override
    public Optional<Share> readable(String id, String token) {
        Optional<Share> share = find(id);
        if (share.isEmpty() || share.get().password().isEmpty()) {
            return share;
        }
        if (token == null) {
            return Optional.empty();
        }
        return tokens.verify(token).filter(claims -> claims.subject().equals(SUBJECT_PREFIX + id)).flatMap(claims -> share);
    }
}
