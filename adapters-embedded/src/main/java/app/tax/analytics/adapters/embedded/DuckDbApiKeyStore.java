package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.domain.access.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** {@link ApiKeyStore} in the DuckDB file: one row per key, its sources as a JSON array; a revoked key's row is deleted. */
final class DuckDbApiKeyStore implements ApiKeyStore {
    static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS api_keys (
              id VARCHAR PRIMARY KEY,
              name VARCHAR NOT NULL,
              sources JSON NOT NULL,
              min_visitors INTEGER NOT NULL,
              key_hash VARCHAR NOT NULL,
              created_at TIMESTAMP NOT NULL
            )""";
    private static final String SELECT = "SELECT id, name, CAST(sources AS VARCHAR), min_visitors, key_hash, epoch_ms(created_at)"
            + " FROM api_keys";

    private final DuckDbRows rows;

    DuckDbApiKeyStore(DuckDbRows rows) {
        this.rows = Objects.requireNonNull(rows);
    }

    @Override
    public void save(ApiKey key) {
        rows.update(new Sql().add("INSERT OR REPLACE INTO api_keys (id, name, sources, min_visitors, key_hash, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, make_timestamp(?))",
                key.id(), key.name(), Json.write(new TreeSet<>(key.sources())), key.minVisitors(), key.keyHash(),
                DuckDbRows.micros(key.createdAt())), "save an API key");
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return rows.select(new Sql().add(SELECT + " WHERE id = ?", id), DuckDbApiKeyStore::key, "API keys").stream().findFirst();
    }

    @Override
    public List<ApiKey> list() {
        return rows.select(new Sql().add(SELECT + " ORDER BY created_at, id"), DuckDbApiKeyStore::key, "API keys");
    }

    @Override
    public boolean remove(String id) {
        return rows.update(new Sql().add("DELETE FROM api_keys WHERE id = ?", id), "revoke an API key") > 0;
    }

    private static ApiKey key(ResultSet row) throws SQLException {
        return new ApiKey(row.getString(1), row.getString(2), new LinkedHashSet<>(Json.readStrings(row.getString(3))),
                row.getInt(4), row.getString(5), Instant.ofEpochMilli(row.getLong(6)));
    }
}
