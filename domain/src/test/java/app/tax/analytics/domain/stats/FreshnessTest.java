package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void completeUpToIsNowMinusTheDelayPercentile() {
        Freshness freshness = Freshness.of(8, 1, 20, Duration.ofHours(3).toMillis(), NOW);
        assertThat(freshness.lateShare()).isEqualTo(0.125);
        assertThat(freshness.delayP99()).contains(Duration.ofHours(3));
        assertThat(freshness.completeUpTo()).contains(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @Test
    void withoutRecentEventsThereIsNoCompleteUpToAndANegativeDelayIsNone() {
        Freshness none = Freshness.of(0, 0, 0, 12345, NOW);
        assertThat(none.lateShare()).isZero();
        assertThat(none.completeUpTo()).isEmpty();
        assertThat(Freshness.of(3, 0, 3, -500, NOW).completeUpTo()).contains(NOW);
    }

    @Test
    void lateEventsAreSomeOfTheEvents() {
        assertThatThrownBy(() -> Freshness.of(1, 2, 0, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
