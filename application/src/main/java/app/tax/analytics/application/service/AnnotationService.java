package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.ManageAnnotations;
import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.domain.board.Annotation;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link ManageAnnotations} over an {@link AnnotationStore}; the funnel around a marker is two funnel reads. */
public final class AnnotationService implements ManageAnnotations {
    private final AnnotationStore store;
    private final StatsReader reader;

    public AnnotationService(AnnotationStore store, StatsReader reader) {
        this.store = Objects.requireNonNull(store);
        this.reader = Objects.requireNonNull(reader);
    }

    @Override
    public List<Annotation> list(DashboardUser viewer, String source, Instant from, Instant to) {
        BoardAccess.checkMaySee(viewer, source);
        return store.list(source, from, to);
    }

    @Override
    public Annotation add(DashboardUser author, String source, Instant at, String text) {
        Annotation annotation = new Annotation(UUID.randomUUID().toString(), source, at, Annotation.Kind.NOTE,
                text == null ? null : text.strip(), author.email());
        BoardAccess.checkMaySee(author, source);
        store.save(annotation);
        return annotation;
    }

    @Override
    public Optional<Annotation> find(DashboardUser viewer, String id) {
        return store.find(id).filter(annotation -> viewer.maySee(annotation.source()));
    }

    @Override
    public boolean remove(DashboardUser viewer, String id) {
        Optional<Annotation> found = find(viewer, id);
        if (found.isEmpty()) {
            return false;
        }
        Annotation annotation = found.get();
        if (annotation.kind() == Annotation.Kind.RELEASE) {
            throw new IllegalStateException("release markers are made from the events and stay");
        }
        BoardAccess.checkMayRemove(viewer, annotation.createdBy(), "note");
        return store.remove(id);
    }

    @Override
    public Optional<FunnelAround> funnelAround(DashboardUser viewer, String id, StatsQuery query, FunnelDefinition funnel) {
        BoardAccess.checkMaySee(viewer, query.source());
        Optional<Annotation> found = find(viewer, id).filter(annotation -> annotation.source().equals(query.source()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Annotation marker = found.get();
        if (!marker.at().isAfter(query.from()) || !marker.at().isBefore(query.to())) {
            throw new InvalidQueryException("from", "the range must hold the marker's time " + marker.at());
        }
        FunnelResult before = FunnelResult.of(funnel, reader.funnel(query.withRange(query.from(), marker.at()), funnel));
        FunnelResult after = FunnelResult.of(funnel, reader.funnel(query.withRange(marker.at(), query.to()), funnel));
        return Optional.of(new FunnelAround(marker, before, after));
    }
}
