package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.domain.access.Share;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ShareStore} in the DuckDB file: one row per shared link, its embedding origins as a JSON array. */
final class DuckDbShareStore implements ShareStore {
    static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS dashboard_shares (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              password_hash VARCHAR NOT NULL, -- '' for none
              embed_origins JSON NOT NULL,
              min_visitors INTEGER NOT NULL,
              created_at TIMESTAMP NOT NULL
            )""";
    private static final String SELECT = "SELECT id, source, password_hash, CAST(embed_origins AS VARCHAR), min_visitors,"
            + " epoch_ms(created_at) FROM dashboard_shares";

    private final DuckDbRows rows;

    DuckDbShareStore(DuckDbRows rows) {
        this.rows = Objects.requireNonNull(rows);
    }

    @Override
    public void save(Share share) {
        rows.update(new Sql().add("INSERT OR REPLACE INTO dashboard_shares (id, source, password_hash, embed_origins, min_visitors, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, make_timestamp(?))",
                share.id(), share.source(), share.password().orElse(""), Json.write(share.embedOrigins()), share.minVisitors(),
                DuckDbRows.micros(share.createdAt())), "save a share");
    }

    @Override
    public Optional<Share> find(String id) {
        return rows.select(new Sql().add(SELECT + " WHERE id = ?", id), DuckDbShareStore::share, "shares").stream().findFirst();
    }

    @Override
    public List<Share> list() {
        return rows.select(new Sql().add(SELECT + " ORDER BY created_at, id"), DuckDbShareStore::share, "shares");
    }

    @Override
    public boolean remove(String id) {
        return rows.update(new Sql().add("DELETE FROM dashboard_shares WHERE id = ?", id), "delete a share") > 0;
    }

    private static Share share(ResultSet row) throws SQLException {
        return new Share(row.getString(1), row.getString(2), row.getString(3), Json.readStrings(row.getString(4)),
                row.getInt(5), Instant.ofEpochMilli(row.getLong(6)));
    }
}
