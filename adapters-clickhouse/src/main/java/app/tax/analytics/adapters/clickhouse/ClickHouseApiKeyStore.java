package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.domain.access.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link ApiKeyStore} on the {@code api_keys} table (V005); a revocation appends a deleted row. */
final class ClickHouseApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "name, sources, min_visitors, key_hash, created_at";

    private final VersionedRows rows;

    ClickHouseApiKeyStore(ClickHouseClient client) {
        this.rows = new VersionedRows(client, "api_keys", List.of(COLUMNS.split(", ")));
    }

    @Override
    public void save(ApiKey key) {
        Objects.requireNonNull(key, "key");
        append(key, false);
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return rows.select(id, ClickHouseApiKeyStore::key).stream().findFirst();
    }

    @Override
    public List<ApiKey> list() {
        return rows.select(null, ClickHouseApiKeyStore::key);
    }

    @Override
    public boolean remove(String id) {
        Optional<ApiKey> existing = find(id);
        existing.ifPresent(key -> append(key, true));
        return existing.isPresent();
    }

    private void append(ApiKey key, boolean deleted) {
        rows.append(key.id(), COLUMNS, sql -> sql.text(key.name()).add(", ").textArray(List.copyOf(new TreeSet<>(key.sources())))
                .add(", ").integer("UInt32", key.minVisitors()).add(", ").text(key.keyHash()).add(", ").time(key.createdAt()), deleted);
    }

    private static ApiKey key(ResultSet row) throws SQLException {
        Set<String> sources = new LinkedHashSet<>();
        for (Object source : (Object[]) row.getArray("current_sources").getArray()) {
            sources.add(String.valueOf(source));
        }
        return new ApiKey(row.getString("id"), row.getString("current_name"), sources, row.getInt("current_min_visitors"),
                row.getString("current_key_hash"), Instant.ofEpochMilli(row.getLong("current_created_at")));
    }
}
