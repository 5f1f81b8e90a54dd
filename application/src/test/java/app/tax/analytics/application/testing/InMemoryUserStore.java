package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Accounts in a sorted map. */
public final class InMemoryUserStore implements UserStore {
    private final Map<String, DashboardUser> users = new TreeMap<>();

    @Override
    public Optional<DashboardUser> find(String email) {
        return Optional.ofNullable(users.get(email));
    }

    @Override
    public void save(DashboardUser user) {
        users.put(user.email(), user);
    }

    @Override
    public boolean remove(String email) {
        return users.remove(email) != null;
    }

    @Override
    public List<DashboardUser> list() {
        return new ArrayList<>(users.values());
    }

    @Override
    public long count() {
        return users.size();
    }
}
