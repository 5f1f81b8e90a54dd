package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Dashboard accounts. Errors are {@link IllegalArgumentException}s whose message names the problem. */
public interface ManageUsers {

    /** An account without a small-count limit. */
    default DashboardUser add(String email, String password, Role role, Set<String> sources) {
        return add(email, password, role, sources, 0);
    }

    /** @param minVisitors a viewer's small-count limit (breakdown rows of fewer visitors suppressed); 0 for none */
    DashboardUser add(String email, String password, Role role, Set<String> sources, int minVisitors);

    List<DashboardUser> list();

    /**
     * @return false when there is no such account
     * @throws LastAdminException when it is the only admin
     */
    boolean remove(String email);

    /**
     * Sets a new password and revokes every token issued before.
     *
     * @throws IllegalArgumentException  when {@code currentPassword} is wrong or the new one too weak
     * @throws TooManyAttemptsException after 5 wrong current passwords within 15 minutes
     */
    void changePassword(String email, String currentPassword, String newPassword);

    /**
     * First run: when there is no account at all, creates an admin, with {@code password} when given,
     * otherwise with a generated one, which is returned (to be shown once).
     */
    Optional<String> ensureFirstAdmin(String email, String password);
}
