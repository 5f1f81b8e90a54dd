package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.board.Annotation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notes and release markers on the chart. */
public interface AnnotationStore {
    /** Inserts or replaces the annotation with this id. */
    void save(Annotation annotation);

    /**
     * Stores a release marker, keeping the earliest time when one with its id exists: processors that see the
     * version's events in any order, or at the same time, end with the same marker.
     */
    void saveRelease(Annotation release);

    Optional<Annotation> find(String id);

    /** The source's annotations with {@code from <= at < to}, oldest first (ties by id). */
    List<Annotation> list(String source, Instant from, Instant to);

    /** @return whether one was removed */
    boolean remove(String id);
}
