package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.user.DashboardUser;
import java.util.List;
import java.util.Optional;

/** Dashboard accounts. */
public interface UserStore {
    Optional<DashboardUser> find(String email);

    /** Inserts or replaces the account with this e-mail. */
    void save(DashboardUser user);

    /** @return whether an account was removed */
    boolean remove(String email);

    List<DashboardUser> list();

    long count();
}
