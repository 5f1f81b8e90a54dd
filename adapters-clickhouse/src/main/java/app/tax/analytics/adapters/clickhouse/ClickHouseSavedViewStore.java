package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.domain.board.SavedView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link SavedViewStore} on the {@code saved_views} table (V008): a funnel's steps as an array of step codes. */
final class ClickHouseSavedViewStore implements SavedViewStore {
    private static final List<String> COLUMNS = List.of("source", "kind", "name", "filters", "steps", "window_minutes",
            "created_by", "created_at");

    private final ClickHouseBoardTables tables;

    ClickHouseSavedViewStore(ClickHouseBoardTables tables) {
        this.tables = Objects.requireNonNull(tables);
    }

    @Override
    public void save(SavedView view) {
        append(view, false, "save a view");
    }

    @Override
    public Optional<SavedView> find(String id) {
        return tables.select(newest().add(" WHERE id = ").text(id).add(ClickHouseBoardTables.LIVE), ClickHouseSavedViewStore::view)
                .stream().findFirst();
    }

    @Override
    public List<SavedView> list(String source, SavedView.Kind kind) {
        return tables.select(newest().add(" WHERE source = ").text(source).add(ClickHouseBoardTables.LIVE + " AND c_kind = ")
                .text(kind.wireName()).add(" ORDER BY c_name, id"), ClickHouseSavedViewStore::view);
    }

    @Override
    public boolean remove(String id) {
        Optional<SavedView> existing = find(id);
        existing.ifPresent(view -> append(view, true, "remove a view"));
        return existing.isPresent();
    }

    private static BoundSql newest() {
        return ClickHouseBoardTables.newest("saved_views", COLUMNS, List.of("created_at"));
    }

    private void append(SavedView view, boolean deleted, String what) {
        tables.execute(new BoundSql().add("INSERT INTO saved_views (id, source, kind, name, filters, steps, window_minutes,"
                        + " created_by, created_at, version, deleted) SELECT ")
                .text(view.id()).add(", ").text(view.source()).add(", ").text(view.kind().wireName()).add(", ").text(view.name())
                .add(", ").text(view.filters()).add(", ").textArray(view.stepCodes()).add(", ").integer("Int64", view.windowMinutes())
                .add(", ").text(view.createdBy()).add(", ").time(view.createdAt()).add(", ").integer("UInt64", tables.nextVersion())
                .add(", ").integer("UInt8", deleted ? 1 : 0), what);
    }

    private static SavedView view(ResultSet rows) throws SQLException {
        List<String> steps = new ArrayList<>();
        for (Object step : (Object[]) rows.getArray("c_steps").getArray()) {
            steps.add(String.valueOf(step));
        }
        return new SavedView(rows.getString("id"), rows.getString("c_source"), SavedView.Kind.fromWire(rows.getString("c_kind")),
                rows.getString("c_name"), rows.getString("c_filters"), SavedView.funnelOf(steps, rows.getLong("c_window_minutes")),
                rows.getString("c_created_by"), Instant.ofEpochMilli(rows.getLong("ms_created_at")));
    }
}
