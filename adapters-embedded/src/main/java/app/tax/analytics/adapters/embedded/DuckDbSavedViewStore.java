package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.domain.board.SavedView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link SavedViewStore} in the DuckDB file: a funnel's steps as a JSON array of step codes. */
final class DuckDbSavedViewStore implements SavedViewStore {
    private static final String VIEW_COLUMNS = "SELECT id, source, kind, name, filters, CAST(steps AS VARCHAR), window_minutes,"
            + " created_by, epoch_ms(created_at) FROM saved_views";

    private final DuckDbRows rows;

    DuckDbSavedViewStore(DuckDbRows rows) {
        this.rows = Objects.requireNonNull(rows);
    }

    @Override
    public void save(SavedView view) {
        rows.update(new Sql().add("INSERT OR REPLACE INTO saved_views (id, source, kind, name, filters, steps, window_minutes, created_by,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?))", view.id(), view.source(),
                view.kind().wireName(), view.name(), view.filters(), Json.write(view.stepCodes()), view.windowMinutes(),
                view.createdBy(), DuckDbRows.micros(view.createdAt())), "save a view");
    }

    @Override
    public Optional<SavedView> find(String id) {
        return rows.select(new Sql().add(VIEW_COLUMNS + " WHERE id = ?", id), DuckDbSavedViewStore::view, DuckDbBoardTables.ITEMS).stream().findFirst();
    }

    @Override
    public List<SavedView> list(String source, SavedView.Kind kind) {
        return rows.select(new Sql().add(VIEW_COLUMNS + " WHERE source = ? AND kind = ? ORDER BY name, id", source, kind.wireName()),
                DuckDbSavedViewStore::view, DuckDbBoardTables.ITEMS);
    }

    @Override
    public boolean remove(String id) {
        return rows.update(new Sql().add("DELETE FROM saved_views WHERE id = ?", id), "remove a view") > 0;
    }

    private static SavedView view(ResultSet rows) throws SQLException {
        return new SavedView(rows.getString(1), rows.getString(2), SavedView.Kind.fromWire(rows.getString(3)), rows.getString(4),
                rows.getString(5), SavedView.funnelOf(Json.readStrings(rows.getString(6)), rows.getLong(7)), rows.getString(8),
                Instant.ofEpochMilli(rows.getLong(9)));
    }

}
