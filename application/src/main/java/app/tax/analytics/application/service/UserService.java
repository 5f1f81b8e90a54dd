package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.LastAdminException;
import app.tax.analytics.application.port.in.ManageUsers;
import app.tax.analytics.application.port.in.TooManyAttemptsException;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link ManageUsers} over a {@link UserStore}. */
public final class UserService implements ManageUsers {
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_BYTES = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Wrong current passwords on a password change, per account. */
    private final LoginThrottle wrongCurrentPasswords;

    public UserService(UserStore users, PasswordHasher hasher, Clock clock) {
        this.users = Objects.requireNonNull(users);
        this.hasher = Objects.requireNonNull(hasher);
        this.clock = Objects.requireNonNull(clock);
        this.wrongCurrentPasswords = LoginThrottle.lockout(5, AuthenticationService.WINDOW, clock);
    }

    @Override
    public DashboardUser add(String email, String password, Role role, Set<String> sources, int minVisitors) {
        String normalized = DashboardUser.normalizeEmail(email);
        if (role == null) {
            throw new IllegalArgumentException("role is required: admin or viewer");
        }
        if (users.find(normalized).isPresent()) {
            throw new IllegalArgumentException("a user with e-mail " + normalized + " exists already");
        }
        checkStrength(password);
        // a random token version: tokens of an earlier account with this e-mail never match it
        DashboardUser user = new DashboardUser(normalized, role, hasher.hash(password), sources, clock.instant(),
                RANDOM.nextLong() & Long.MAX_VALUE, minVisitors);
        users.save(user);
        AuditLog.accountChanged("added as " + role.wireName(), normalized);
        return user;
    }

    @Override
    public List<DashboardUser> list() {
        return users.list();
    }

    @Override
    public boolean remove(String email) {
        String normalized = DashboardUser.normalizeEmail(email);
        Optional<DashboardUser> user = users.find(normalized);
        if (user.isEmpty()) {
            return false;
        }
        // Without an admin nobody could add users or erase data again (short of the CLI on the store).
        if (user.get().role() == Role.ADMIN && users.list().stream().filter(u -> u.role() == Role.ADMIN).count() <= 1) {
            throw new LastAdminException(normalized);
        }
        boolean removed = users.remove(normalized);
        if (removed) {
            AuditLog.accountChanged("removed", normalized);
        }
        return removed;
    }

    @Override
    public void changePassword(String email, String currentPassword, String newPassword) {
        String normalized = DashboardUser.normalizeEmail(email);
        // reserved before the slow hash, as sign-ins are: a stolen token must not make guessing cheap
        Optional<Duration> wait = wrongCurrentPasswords.reserve(normalized);
        if (wait.isPresent()) {
            throw new TooManyAttemptsException(wait.get());
        }
        DashboardUser user = users.find(normalized)
                .filter(u -> hasher.matches(currentPassword, u.passwordHash()))
                .orElseThrow(() -> new IllegalArgumentException("current password is wrong"));
        wrongCurrentPasswords.forget(normalized);
        checkStrength(newPassword);
        // the new hash comes with a new token version: every token issued before stops working
        users.save(user.withPasswordHash(hasher.hash(newPassword)));
        AuditLog.accountChanged("password changed (its tokens revoked)", normalized);
    }

    @Override
    public Optional<String> ensureFirstAdmin(String email, String password) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        boolean generate = password == null || password.isEmpty();
        String chosen = generate ? generatePassword() : password;
        add(email, chosen, Role.ADMIN, Set.of());
        return generate ? Optional.of(chosen) : Optional.empty();
    }

    static void checkStrength(String password) {
        // Characters as people count them (code points): six emoji are six characters, not twelve UTF-16 units.
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (PasswordHasher.utf8Length(password) > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (password.codePoints().filter(c -> !Character.isWhitespace(c)).distinct().count() < 4) {
            throw new IllegalArgumentException("password must use at least 4 different characters besides spaces");
        }
    }

    static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
