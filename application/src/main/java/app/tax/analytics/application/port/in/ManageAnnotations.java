package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.board.Annotation;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notes on the chart and the release markers the processor makes. Any account that may see a source reads and
 * writes its notes; a note is removed by its author or an admin; release markers are not removed (the next event of
 * the version would make them again). Refusals: {@link AccessDeniedException}; bad fields:
 * {@link app.tax.analytics.domain.stats.InvalidQueryException}.
 */
public interface ManageAnnotations {
    List<Annotation> list(DashboardUser viewer, String source, Instant from, Instant to);

    Annotation add(DashboardUser author, String source, Instant at, String text);

    /** Empty when there is no such annotation, or the viewer may not see its source. */
    Optional<Annotation> find(DashboardUser viewer, String id);

    /**
     * @return false when there is no such annotation (or the viewer may not see it)
     * @throws AccessDeniedException when the viewer is neither its author nor an admin
     * @throws IllegalStateException for a release marker
     */
    boolean remove(DashboardUser viewer, String id);

    /**
     * The funnel of {@code query}'s range split at the annotation: before = [from, at), after = [at, to).
     *
     * @return empty when there is no such annotation the viewer may see
     * @throws app.tax.analytics.domain.stats.InvalidQueryException when the annotation is not inside the range
     */
    Optional<FunnelAround> funnelAround(DashboardUser viewer, String id, StatsQuery query, FunnelDefinition funnel);

    record FunnelAround(Annotation marker, FunnelResult before, FunnelResult after) {
    }
}
