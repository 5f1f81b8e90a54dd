package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** {@link UserStore} in the DuckDB file: one row per account, the readable sources as a JSON array. */
final class DuckDbUserStore implements UserStore {
    static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS users (
              email VARCHAR PRIMARY KEY,
              role VARCHAR NOT NULL,
              password_hash VARCHAR NOT NULL,
              sources JSON NOT NULL,
              created_at TIMESTAMP NOT NULL,
              token_version BIGINT NOT NULL DEFAULT 0,
              min_visitors INTEGER NOT NULL DEFAULT 0
            )""";
    /** Files written before token versions existed get the column; their accounts start at version 0. */
    static final String ADD_TOKEN_VERSION = "ALTER TABLE users ADD COLUMN IF NOT EXISTS token_version BIGINT DEFAULT 0";
    /** Files written before small-count limits existed get the column; their accounts are not limited. */
    static final String ADD_MIN_VISITORS = "ALTER TABLE users ADD COLUMN IF NOT EXISTS min_visitors INTEGER DEFAULT 0";
    private static final String COLUMNS = "email, role, password_hash, CAST(sources AS VARCHAR), epoch_ms(created_at),"
            + " coalesce(token_version, 0), coalesce(min_visitors, 0)";

    private final DuckDbDatabase database;
    private final DuckDbRows rows;

    DuckDbUserStore(DuckDbDatabase database, DuckDbRows rows) {
        this.database = Objects.requireNonNull(database);
        this.rows = Objects.requireNonNull(rows);
    }

    @Override
    public Optional<DashboardUser> find(String email) {
        String normalized;
        try {
            normalized = DashboardUser.normalizeEmail(email);
        } catch (IllegalArgumentException notAnEmail) {
            return Optional.empty();
        }
        List<DashboardUser> found = select(new Sql().add("SELECT " + COLUMNS + " FROM users WHERE email = ?", normalized));
        return found.stream().findFirst();
    }

    @Override
    public void save(DashboardUser user) {
        Objects.requireNonNull(user, "user");
        // Sorted, so the stored text does not depend on the set's iteration order.
        String sources = Json.write(new TreeSet<>(user.sources()));
        Sql sql = new Sql().add("INSERT OR REPLACE INTO users (email, role, password_hash, sources, created_at, token_version,"
                        + " min_visitors) VALUES (?, ?, ?, ?, make_timestamp(?), ?, ?)",
                user.email(), user.role().wireName(), user.passwordHash(), sources,
                DuckDbRows.micros(user.createdAt()), user.tokenVersion(), user.minVisitors());
        rows.update(sql, "save an account");
    }

    @Override
    public boolean remove(String email) {
        String normalized;
        try {
            normalized = DashboardUser.normalizeEmail(email);
        } catch (IllegalArgumentException notAnEmail) {
            return false;
        }
        return rows.update(new Sql().add("DELETE FROM users WHERE email = ?", normalized), "remove an account") > 0;
    }

    @Override
    public List<DashboardUser> list() {
        return select(new Sql().add("SELECT " + COLUMNS + " FROM users ORDER BY email"));
    }

    @Override
    public long count() {
        try {
            return database.read(connection -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM users");
                     ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not count accounts: " + e.getMessage(), e);
        }
    }

    private List<DashboardUser> select(Sql sql) {
        return rows.select(sql, DuckDbUserStore::user, "accounts");
    }

    private static DashboardUser user(ResultSet rows) throws SQLException {
        String email = rows.getString(1);
        Role role = Role.fromWire(rows.getString(2))
                .orElseThrow(() -> new SQLException("account " + email + " has an unknown role"));
        return new DashboardUser(email, role, rows.getString(3), new LinkedHashSet<>(Json.readStrings(rows.getString(4))),
                Instant.ofEpochMilli(rows.getLong(5)), rows.getLong(6), rows.getInt(7));
    }
}
