package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.domain.board.Annotation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AnnotationStore} in the DuckDB file: a release marker keeps its earliest time. */
final class DuckDbAnnotationStore implements AnnotationStore {
    private static final String ANNOTATION_COLUMNS = "SELECT id, source, epoch_ms(occurred_at), kind, text, created_by FROM annotations";

    private final DuckDbRows rows;

    DuckDbAnnotationStore(DuckDbRows rows) {
        this.rows = Objects.requireNonNull(rows);
    }

    @Override
    public void save(Annotation annotation) {
        rows.update(new Sql().add("INSERT OR REPLACE INTO annotations (id, source, occurred_at, kind, text, created_by)"
                        + " VALUES (?, ?, make_timestamp(?), ?, ?, ?)", annotation.id(), annotation.source(),
                DuckDbRows.micros(annotation.at()), annotation.kind().wireName(), annotation.text(), annotation.createdBy()), "save an annotation");
    }

    @Override
    public void saveRelease(Annotation release) {
        rows.update(new Sql().add("INSERT INTO annotations (id, source, occurred_at, kind, text, created_by)"
                        + " VALUES (?, ?, make_timestamp(?), ?, ?, ?) ON CONFLICT (id) DO UPDATE SET occurred_at = least(annotations.occurred_at, excluded.occurred_at)",
                release.id(), release.source(), DuckDbRows.micros(release.at()), release.kind().wireName(), release.text(),
                release.createdBy()), "save a release marker");
    }

    @Override
    public Optional<Annotation> find(String id) {
        return rows.select(new Sql().add(ANNOTATION_COLUMNS + " WHERE id = ?", id), DuckDbAnnotationStore::annotation, DuckDbBoardTables.ITEMS).stream().findFirst();
    }

    @Override
    public List<Annotation> list(String source, Instant from, Instant to) {
        return rows.select(new Sql().add(ANNOTATION_COLUMNS + " WHERE source = ? AND occurred_at >= make_timestamp(?) AND occurred_at < make_timestamp(?)"
                + " ORDER BY occurred_at, id", source, DuckDbRows.micros(from), DuckDbRows.micros(to)), DuckDbAnnotationStore::annotation, DuckDbBoardTables.ITEMS);
    }

    @Override
    public boolean remove(String id) {
        return rows.update(new Sql().add("DELETE FROM annotations WHERE id = ?", id), "remove an annotation") > 0;
    }

    private static Annotation annotation(ResultSet rows) throws SQLException {
        return new Annotation(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                Annotation.Kind.fromWire(rows.getString(4)), rows.getString(5), rows.getString(6));
    }

}
