package app.tax.analytics.domain.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dashboard metrics (docs/ARCHITECTURE.md, "Dashboard API"). Counts are whole numbers; rates and averages are decimals.
 */
public enum Metric {
    /** Distinct visitors. */
    VISITORS("visitors", true),
    /** Events of type {@code page}. */
    PAGEVIEWS("pageviews", true),
    /** Distinct sessions that start in the range. */
    SESSIONS("sessions", true),
    /** All events. */
    EVENTS("events", true),
    /** Bounced sessions / sessions; a session bounces with at most one pageview and no track event. */
    BOUNCE_RATE("bounceRate", false),
    /** Mean of (last − first event time) per session, in seconds. */
    AVG_SESSION_SECONDS("avgSessionSeconds", false),
    /** Pageviews / sessions. */
    VIEWS_PER_SESSION("viewsPerSession", false),
    /**
     * Breakdowns only: the row's visitors / all visitors of the filtered range (0..1), the conversion rate
     * of a goal when the dimension is {@code event} or {@code prop:<key>}.
     */
    CONVERSION_RATE("conversionRate", false);

    public static final String NAMES = Arrays.stream(values()).map(Metric::wireName).collect(Collectors.joining(", "));

    /** What overview and timeseries hold: every metric that has a value for a range on its own. */
    public static final Set<Metric> PER_RANGE = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(CONVERSION_RATE)));

    private final String wireName;
    private final boolean count;

    Metric(String wireName, boolean count) {
        this.wireName = wireName;
        this.count = count;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether values are whole counts (as opposed to a rate or an average). */
    public boolean isCount() {
        return count;
    }

    public static Optional<Metric> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name == null ? null : name.strip())).findFirst();
    }
}
