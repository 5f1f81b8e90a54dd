package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.application.testing.RecordingEventStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionServiceTest {
    private final MutableClock clock = new MutableClock("2026-11-28T12:00:00Z");
    private final RecordingEventStore store = new RecordingEventStore();

    @Test
    void deletesWhatIsOlderThanTheRetentionPeriodCountedFromNow() {
        RetentionService retention = new RetentionService(store, Duration.ofDays(30), clock);

        retention.enforce();
        clock.advance(Duration.ofDays(1));
        retention.enforce();

        assertThat(store.retentionCutoffs()).containsExactly(
                Instant.parse("2026-10-29T12:00:00Z"), Instant.parse("2026-10-30T12:00:00Z"));
    }

    @Test
    void aRetentionOfZeroIsNotSomethingToEnforce() {
        assertThatThrownBy(() -> new RetentionService(store, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
