package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.domain.board.Annotation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AnnotationStore} on the {@code annotations} table (V008). A release marker's version is
 * {@link #RELEASE_VERSIONS} minus its time in milliseconds: the earliest time any processor saw wins, before and after
 * merges. Notes take time-based versions, far below those.
 */
final class ClickHouseAnnotationStore implements AnnotationStore {
    static final long RELEASE_VERSIONS = Long.MAX_VALUE / 2;
    private static final List<String> COLUMNS = List.of("source", "occurred_at", "kind", "text", "created_by");

    private final ClickHouseBoardTables tables;

    ClickHouseAnnotationStore(ClickHouseBoardTables tables) {
        this.tables = Objects.requireNonNull(tables);
    }

    @Override
    public void save(Annotation annotation) {
        append(annotation, tables.nextVersion(), false, "save an annotation");
    }

    @Override
    public void saveRelease(Annotation release) {
        append(release, RELEASE_VERSIONS - release.at().toEpochMilli(), false, "save a release marker");
    }

    @Override
    public Optional<Annotation> find(String id) {
        return tables.select(ClickHouseBoardTables.newest("annotations", COLUMNS, List.of("occurred_at")).add(" WHERE id = ").text(id)
                .add(ClickHouseBoardTables.LIVE), ClickHouseAnnotationStore::annotation).stream().findFirst();
    }

    @Override
    public List<Annotation> list(String source, Instant from, Instant to) {
        return tables.select(ClickHouseBoardTables.newest("annotations", COLUMNS, List.of("occurred_at")).add(" WHERE source = ").text(source)
                .add(ClickHouseBoardTables.LIVE + " AND c_occurred_at >= ").time(from).add(" AND c_occurred_at < ").time(to)
                .add(" ORDER BY c_occurred_at, id"), ClickHouseAnnotationStore::annotation);
    }

    @Override
    public boolean remove(String id) {
        Optional<Annotation> existing = find(id);
        existing.ifPresent(annotation -> append(annotation, tables.nextVersion(), true, "remove an annotation"));
        return existing.isPresent();
    }

    private void append(Annotation annotation, long version, boolean deleted, String what) {
        tables.execute(new BoundSql().add("INSERT INTO annotations (id, source, occurred_at, kind, text, created_by, version, deleted) SELECT ")
                .text(annotation.id()).add(", ").text(annotation.source()).add(", ").time(annotation.at()).add(", ")
                .text(annotation.kind().wireName()).add(", ").text(annotation.text()).add(", ").text(annotation.createdBy())
                .add(", ").integer("UInt64", version).add(", ").integer("UInt8", deleted ? 1 : 0), what);
    }

    private static Annotation annotation(ResultSet rows) throws SQLException {
        return new Annotation(rows.getString("id"), rows.getString("c_source"),
                Instant.ofEpochMilli(rows.getLong("ms_occurred_at")), Annotation.Kind.fromWire(rows.getString("c_kind")),
                rows.getString("c_text"), rows.getString("c_created_by"));
    }
}
