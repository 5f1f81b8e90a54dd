package app.tax.analytics.domain.stats;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A funnel: 2-8 ordered steps and the time a visitor has, from their first step-1 event in the range, to
 * go through them. A visitor reaches step k when, after that first step-1 event, they have events matching
 * steps 2..k in that order at strictly increasing times (other events in between do not matter), the
 * last one at most {@code window} after the step-1 event. Each step is matched by its earliest event
 * after the previous step's, so a skipped step ends the visitor's progress there.
 */
public record FunnelDefinition(List<FunnelStep> steps, Duration window) {
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 8;
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    public FunnelDefinition {
        if (steps == null || steps.size() < MIN_STEPS || steps.size() > MAX_STEPS) {
            throw new InvalidQueryException("steps", "a funnel has " + MIN_STEPS + "-" + MAX_STEPS + " steps");
        }
        steps = List.copyOf(steps);
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidQueryException("windowMinutes", "must be 1-" + MAX_WINDOW.toMinutes());
        }
    }
}
