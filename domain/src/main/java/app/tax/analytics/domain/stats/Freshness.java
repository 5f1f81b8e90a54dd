package app.tax.analytics.domain.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How complete the numbers are (docs/STATS.md, "Late events"). Mobile libraries queue events while offline
 * and send them hours later; they count at the (skew-corrected) time they happened, so recent buckets still
 * grow. An event's <em>delay</em> is {@code received_at − timestamp}.
 *
 * @param events       events of the query (E: source, range, filters)
 * @param lateEvents   of those, the ones whose delay is more than {@link #LATE_AFTER}
 * @param recentEvents events received in the {@link #WINDOW} before {@code now} that happened at most
 *                     {@link #WINDOW} before their receipt window began (the delay sample)
 * @param delayP99     the nearest-rank {@link #QUANTILE_PERCENT}th percentile of those events' delays (the
 *                     smallest delay d such that at least 99% of them have a delay of at most d); empty
 *                     without recent events
 * @param completeUpTo {@code now − delayP99}, at most {@code now}: by the recent delays, at least 99% of the
 *                     events that happened before it have arrived; empty without recent events
 */
public record Freshness(long events, long lateEvents, long recentEvents, Optional<Duration> delayP99,
                        Optional<Instant> completeUpTo) {
    /** An event is late when it arrived more than this after it happened. */
    public static final Duration LATE_AFTER = Duration.ofHours(1);
    /** The delay sample: events received in this long before now. */
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final int QUANTILE_PERCENT = 99;

    public Freshness {
        Objects.requireNonNull(delayP99, "delayP99");
        Objects.requireNonNull(completeUpTo, "completeUpTo");
        if (events < 0 || lateEvents < 0 || lateEvents > events || recentEvents < 0) {
            throw new IllegalArgumentException("counts are 0 or more, and late events are some of the events");
        }
    }

    /**
     * @param delayP99Millis the 99th-percentile delay in ms (ignored when {@code recentEvents} is 0; a
     *                       negative delay, from a client clock the skew correction could not fix, is 0)
     */
    public static Freshness of(long events, long lateEvents, long recentEvents, long delayP99Millis, Instant now) {
        Objects.requireNonNull(now, "now");
        if (recentEvents == 0) {
            return new Freshness(events, lateEvents, 0, Optional.empty(), Optional.empty());
        }
        Duration p99 = Duration.ofMillis(Math.max(0, delayP99Millis));
        return new Freshness(events, lateEvents, recentEvents, Optional.of(p99), Optional.of(now.minus(p99)));
    }

    /** Late events over events, 0..1; 0 without events. */
    public double lateShare() {
        return events == 0 ? 0.0 : (double) lateEvents / events;
    }
}
