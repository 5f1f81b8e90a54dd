package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.domain.access.Share;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ShareStore} on the {@code dashboard_shares} table (V005); a deletion appends a deleted row. */
final class ClickHouseShareStore implements ShareStore {
    private static final String COLUMNS = "source, password_hash, embed_origins, min_visitors, created_at";

    private final VersionedRows rows;

    ClickHouseShareStore(ClickHouseClient client) {
        this.rows = new VersionedRows(client, "dashboard_shares", List.of(COLUMNS.split(", ")));
    }

    @Override
    public void save(Share share) {
        Objects.requireNonNull(share, "share");
        append(share, false);
    }

    @Override
    public Optional<Share> find(String id) {
        return rows.select(id, ClickHouseShareStore::share).stream().findFirst();
    }

    @Override
    public List<Share> list() {
        return rows.select(null, ClickHouseShareStore::share);
    }

    @Override
    public boolean remove(String id) {
        Optional<Share> existing = find(id);
        existing.ifPresent(share -> append(share, true));
        return existing.isPresent();
    }

    private void append(Share share, boolean deleted) {
        rows.append(share.id(), COLUMNS, sql -> sql.text(share.source()).add(", ").text(share.password().orElse("")).add(", ")
                .textArray(share.embedOrigins()).add(", ").integer("UInt32", share.minVisitors()).add(", ").time(share.createdAt()),
                deleted);
    }

    private static Share share(ResultSet row) throws SQLException {
        List<String> origins = new ArrayList<>();
        for (Object origin : (Object[]) row.getArray("current_embed_origins").getArray()) {
            origins.add(String.valueOf(origin));
        }
        return new Share(row.getString("id"), row.getString("current_source"), row.getString("current_password_hash"), origins,
                row.getInt("current_min_visitors"), Instant.ofEpochMilli(row.getLong("current_created_at")));
    }
}
