package app.tax.analytics.domain.board;

import app.tax.analytics.domain.stats.FilterParser;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.FunnelStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named view of one source the dashboard offers to pick: a segment (a filter expression, as the {@code filters}
 * parameter) or a funnel (its steps and window, optionally with filters). Problems are {@link InvalidQueryException}s
 * naming the field.
 *
 * @param filters the filter expression; empty for none (a segment needs one)
 * @param funnel  the funnel of a {@link Kind#FUNNEL} view, null for a segment
 */
public record SavedView(String id, String source, Kind kind, String name, String filters, FunnelDefinition funnel,
                        String createdBy, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_FILTERS_LENGTH = 2000;

    public enum Kind {
        SEGMENT, FUNNEL;

        public String wireName() {
            return WireNames.of(this);
        }

        public static Kind fromWire(String name) {
            return WireNames.find(Kind.class, name).orElseThrow(() -> new IllegalArgumentException("unknown view kind '" + name + "'"));
        }
    }

    public SavedView {
        BoardItemChecks.requireIdAndSource("a saved view", id, source);
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new InvalidQueryException("name", "is required: 1-" + MAX_NAME_LENGTH + " characters");
        }
        name = name.strip();
        filters = filters == null ? "" : filters.strip();
        if (filters.length() > MAX_FILTERS_LENGTH) {
            throw new InvalidQueryException("filters", "is at most " + MAX_FILTERS_LENGTH + " characters");
        }
        FilterParser.parse(filters); // names the filters parameter when it is wrong
        if (kind == Kind.SEGMENT && filters.isEmpty()) {
            throw new InvalidQueryException("filters", "is required for a segment, e.g. country==KE");
        }
        if (kind == Kind.SEGMENT && funnel != null) {
            throw new InvalidQueryException("steps", "a segment has no funnel steps");
        }
        if (kind == Kind.FUNNEL && funnel == null) {
            throw new InvalidQueryException("steps", "is required for a funnel");
        }
        BoardItemChecks.requireAuthor("a saved view", createdBy);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The funnel's steps as stores keep them: {@code page:<path>} or {@code event:<name>}; empty for a segment. */
    public List<String> stepCodes() {
        return funnel == null ? List.of() : funnel.steps().stream().map(step -> step.kind().wireName() + ":" + step.value()).toList();
    }

    /** The funnel of stored {@link #stepCodes()} and window, or null for none (a segment). */
    public static FunnelDefinition funnelOf(List<String> stepCodes, long windowMinutes) {
        if (stepCodes.isEmpty()) {
            return null;
        }
        List<FunnelStep> steps = stepCodes.stream().map(code -> code.startsWith("page:")
                ? FunnelStep.page(code.substring(5)) : FunnelStep.event(code.substring(code.indexOf(':') + 1))).toList();
        return new FunnelDefinition(steps, Duration.ofMinutes(windowMinutes));
    }

    /** The window in minutes as stores keep it; 0 for a segment. */
    public long windowMinutes() {
        return funnel == null ? 0 : funnel.window().toMinutes();
    }
}
