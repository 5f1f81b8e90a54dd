package app.tax.analytics.domain.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * One step of a funnel: a pageview of a path, a {@code screen} event of a name (a mobile app's view) or a
 * {@code track} event of a name (all matched exactly).
 *
 * @param value the page path, the screen name or the event name
 */
public record FunnelStep(Kind kind, String value) {
    static final int MAX_VALUE_LENGTH = 1000;

    public enum Kind {
        /** A {@code page} event whose path is the value. */
        PAGE,
        /** A {@code track} event whose name is the value. */
        EVENT,
        /** A {@code screen} event whose name is the value. */
        SCREEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FunnelStep {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a funnel step needs " + switch (kind) {
                case PAGE -> "a page path";
                case EVENT -> "an event name";
                case SCREEN -> "a screen name";
            });
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("a funnel step's value is at most " + MAX_VALUE_LENGTH + " characters");
        }
    }

    public static FunnelStep page(String path) {
        return new FunnelStep(Kind.PAGE, path);
    }

    public static FunnelStep event(String name) {
        return new FunnelStep(Kind.EVENT, name);
    }

    public static FunnelStep screen(String name) {
        return new FunnelStep(Kind.SCREEN, name);
    }
}
