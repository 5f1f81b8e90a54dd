package app.tax.analytics.application.service;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.domain.board.Annotation;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor's {@link EventStore} that also makes release markers: once a batch is stored, each (source, version)
 * it holds becomes a marker at the version's earliest event (the store keeps the earliest of what every processor
 * saw). The version is {@code context.app.version} (mobile SDKs), else {@code context.release} (the web SDK's
 * {@code data-release}). A version is saved again only when an earlier event of it turns up, so a steady stream of
 * one version costs nothing. Thread-safe.
 */
public final class ReleaseMarkers implements EventStore {
    /** More distinct versions than this are forgotten and simply saved again (idempotent). */
    private static final int MAX_REMEMBERED = 10_000;

    private final EventStore events;
    private final AnnotationStore annotations;
    private final Map<String, Instant> earliestSaved = new ConcurrentHashMap<>();

    public ReleaseMarkers(EventStore events, AnnotationStore annotations) {
        this.events = Objects.requireNonNull(events);
        this.annotations = Objects.requireNonNull(annotations);
    }

    @Override
    public void write(List<EnrichedEvent> batch, String deduplicationToken) {
        events.write(batch, deduplicationToken);
        Map<String, Annotation> earliest = new LinkedHashMap<>();
        for (EnrichedEvent row : batch) {
            String version = versionOf(row);
            if (!Annotation.isVersion(version) || row.device().bot()) {
                continue;
            }
            Annotation marker = Annotation.release(row.event().source(), version.strip(), row.event().timestamp());
            earliest.merge(marker.id(), marker, (a, b) -> a.at().isAfter(b.at()) ? b : a);
        }
        for (Annotation marker : earliest.values()) {
            Instant saved = earliestSaved.get(marker.id());
            if (saved == null || marker.at().isBefore(saved)) {
                annotations.saveRelease(marker);
                if (earliestSaved.size() >= MAX_REMEMBERED) {
                    earliestSaved.clear();
                }
                earliestSaved.merge(marker.id(), marker.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    /** {@code context.app.version}, else {@code context.release}; null when neither is a string. */
    static String versionOf(EnrichedEvent row) {
        Map<String, Object> context = row.event().context().raw();
        if (context.get("app") instanceof Map<?, ?> app && app.get("version") instanceof String version && !version.isBlank()) {
            return version;
        }
        return context.get("release") instanceof String release ? release : null;
    }

    @Override
    public long erase(Subject subject) {
        return events.erase(subject);
    }

    @Override
    public void deleteOlderThan(Instant cutoff) {
        events.deleteOlderThan(cutoff);
    }

    @Override
    public boolean isReady() {
        return events.isReady();
    }
}
