package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link UserStore} on the {@code dashboard_users} ReplacingMergeTree (V003, token versions V004, small-count limits V005): a save or a removal appends
 * a row with a higher version, and reads take each e-mail's newest row, so they are exact before any merge.
 */
final class ClickHouseUserStore implements UserStore {
    private static final String NEWEST = "SELECT email, argMax(role, version) AS current_role,"
            + " argMax(password_hash, version) AS current_hash, argMax(sources, version) AS current_sources,"
            + " toUnixTimestamp64Milli(argMax(created_at, version)) AS current_created,"
            + " argMax(token_version, version) AS current_token_version,"
            + " argMax(min_visitors, version) AS current_min_visitors,"
            + " argMax(deleted, version) AS current_deleted FROM dashboard_users";
    private static final String LIVE = " GROUP BY email HAVING current_deleted = 0";

    private final ClickHouseClient client;
    private final RowVersions versions = new RowVersions();

    ClickHouseUserStore(ClickHouseClient client) {
        this.client = Objects.requireNonNull(client);
    }

    @Override
    public Optional<DashboardUser> find(String email) {
        BoundSql sql = new BoundSql().add(NEWEST + " WHERE email = ").text(DashboardUser.normalizeEmail(email)).add(LIVE);
        return query(sql, rows -> rows.next() ? Optional.of(user(rows)) : Optional.empty());
    }

    @Override
    public void save(DashboardUser user) {
        Objects.requireNonNull(user, "user");
        append(user, false);
    }

    @Override
    public boolean remove(String email) {
        Optional<DashboardUser> existing = find(email);
        existing.ifPresent(user -> append(user, true));
        return existing.isPresent();
    }

    @Override
    public List<DashboardUser> list() {
        return query(new BoundSql().add(NEWEST + LIVE + " ORDER BY email"), rows -> {
            List<DashboardUser> users = new ArrayList<>();
            while (rows.next()) {
                users.add(user(rows));
            }
            return users;
        });
    }

    @Override
    public long count() {
        return query(new BoundSql().add("SELECT count() FROM (" + NEWEST + LIVE + ")"), rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    private void append(DashboardUser user, boolean deleted) {
        BoundSql sql = new BoundSql()
                .add("INSERT INTO dashboard_users (email, role, password_hash, sources, created_at, token_version, min_visitors,"
                        + " version, deleted)"
                        + " SELECT ")
                .text(user.email()).add(", ").text(user.role().wireName()).add(", ").text(user.passwordHash()).add(", ")
                .textArray(List.copyOf(user.sources())).add(", ").time(user.createdAt()).add(", ")
                .integer("Int64", user.tokenVersion()).add(", ").integer("UInt32", user.minVisitors()).add(", ")
                .integer("UInt64", versions.next()).add(", ").integer("UInt8", deleted ? 1 : 0);
        try {
            client.execute(sql);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not store the dashboard account: " + e.getMessage(), e);
        }
    }

    private static DashboardUser user(ResultSet rows) throws SQLException {
        Role role = Role.fromWire(rows.getString("current_role"))
                .orElseThrow(() -> new SQLException("unknown role in dashboard_users"));
        Set<String> sources = new LinkedHashSet<>();
        for (Object source : (Object[]) rows.getArray("current_sources").getArray()) {
            sources.add(String.valueOf(source));
        }
        return new DashboardUser(rows.getString("email"), role, rows.getString("current_hash"), sources,
                Instant.ofEpochMilli(rows.getLong("current_created")), rows.getLong("current_token_version"),
                rows.getInt("current_min_visitors"));
    }

    private <T> T query(BoundSql sql, ClickHouseClient.RowsReader<T> reader) {
        try {
            return client.query(sql, reader);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not read dashboard accounts: " + e.getMessage(), e);
        }
    }
}
