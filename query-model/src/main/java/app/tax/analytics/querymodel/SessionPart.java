package app.tax.analytics.querymodel;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link SessionParts} row of a batch of events, aggregated in Java as the table's SQL aggregates do
 * ({@link SessionParts#countsOfEvents}), so a store appends a batch's parts without a statement of its own.
 * Times are kept to the millisecond (as the events are stored); ties between views are broken by message id
 * compared as UTF-8 bytes, as the engines compare text.
 *
 * @param key the values of {@link SessionParts#keyColumns}, in order: texts (null for none), the hour an {@link Instant}
 */
public record SessionPart(List<Object> key, long views, long tracks, long events, Instant firstAt, Instant lastAt,
                          String entryView, Instant entryAt, String entryId, String exitView, Instant exitAt, String exitId) {
    /** The fields of the key's columns; null for the hour, which is computed. */
    private static final List<EventField> KEY_FIELDS = SessionParts.keyColumns().stream()
            .map(column -> column.equals("hour") ? null : EventFields.named(column)).toList();
    private static final EventField PATH = EventFields.named("path");
    private static final EventField SCREEN = EventFields.named("screen");

    /** The parts of {@code stored} (events stored by one write, each once): those of its non-bot interaction events. */
    public static List<SessionPart> partsOf(Collection<EnrichedEvent> stored) {
        Map<List<Object>, Builder> parts = new LinkedHashMap<>();
        for (EnrichedEvent row : stored) {
            if (row.device().bot() || isNonInteraction(row)) {
                continue;
            }
            Instant at = row.event().timestamp().truncatedTo(ChronoUnit.MILLIS);
            parts.computeIfAbsent(keyOf(row, at), key -> new Builder()).add(row, at);
        }
        List<SessionPart> result = new ArrayList<>(parts.size());
        parts.forEach((key, builder) -> result.add(builder.build(key)));
        return result;
    }

    private static boolean isNonInteraction(EnrichedEvent row) {
        return "track".equals(row.event().type().wireName()) && StatsSql.NON_INTERACTION_EVENT.equals(row.event().event());
    }

    private static List<Object> keyOf(EnrichedEvent row, Instant at) {
        Object[] key = new Object[KEY_FIELDS.size()];
        for (int i = 0; i < key.length; i++) {
            EventField field = KEY_FIELDS.get(i);
            key[i] = field == null ? at.truncatedTo(ChronoUnit.HOURS) : field.valueOf(row);
        }
        return Arrays.asList(key);
    }

    /** The order of views in a session: time, then message id as bytes. */
    private static int compareViews(Instant at, String id, Instant otherAt, String otherId) {
        int byTime = at.compareTo(otherAt);
        return byTime != 0 ? byTime : Arrays.compareUnsigned(id.getBytes(StandardCharsets.UTF_8), otherId.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Builder {
        private long views;
        private long tracks;
        private long events;
        private Instant firstAt;
        private Instant lastAt;
        private String entryView;
        private Instant entryAt;
        private String entryId;
        private String exitView;
        private Instant exitAt;
        private String exitId;

        void add(EnrichedEvent row, Instant at) {
            String type = row.event().type().wireName();
            events++;
            if (type.equals("track")) {
                tracks++;
            }
            firstAt = firstAt == null || at.isBefore(firstAt) ? at : firstAt;
            lastAt = lastAt == null || at.isAfter(lastAt) ? at : lastAt;
            if (!type.equals("page") && !type.equals("screen")) {
                return;
            }
            views++;
            // the label a view shows: the page's path or the screen's name, as stored (blank is none)
            String label = (String) (type.equals("screen") ? SCREEN : PATH).valueOf(row);
            if (label == null) {
                return;
            }
            String id = row.event().messageId();
            if (entryAt == null || compareViews(at, id, entryAt, entryId) < 0) {
                entryView = label;
                entryAt = at;
                entryId = id;
            }
            if (exitAt == null || compareViews(at, id, exitAt, exitId) > 0) {
                exitView = label;
                exitAt = at;
                exitId = id;
            }
        }

        SessionPart build(List<Object> key) {
            return new SessionPart(key, views, tracks, events, firstAt, lastAt, entryView, entryAt, entryId, exitView, exitAt, exitId);
        }
    }
}
