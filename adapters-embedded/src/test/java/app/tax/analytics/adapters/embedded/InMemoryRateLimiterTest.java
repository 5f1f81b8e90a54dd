package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.RateLimiter.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-09T10:00:00Z"));

    @Test
    void allowsMaxRequestsPerWindowThenSaysWhenTheWindowEnds() {
        RateLimiter limiter = EmbeddedAdapters.inMemoryRateLimiter(3, Duration.ofMinutes(1), clock);
        assertThat(limiter.acquire("key|ip")).isInstanceOf(Verdict.Allowed.class);
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.acquire("key|ip")).isInstanceOf(Verdict.Allowed.class);
        assertThat(limiter.acquire("key|ip")).isInstanceOf(Verdict.Allowed.class);
        clock.advance(Duration.ofSeconds(5));

        // the window opened with the first request: 60 - 15 = 45 s left
        assertThat(limiter.acquire("key|ip")).isEqualTo(new Verdict.Limited(Duration.ofSeconds(45)));
        clock.advance(Duration.ofSeconds(44));
        assertThat(limiter.acquire("key|ip")).isEqualTo(new Verdict.Limited(Duration.ofSeconds(1)));
    }

    @Test
    void aNewWindowStartsWhenTheOldOneEnds() {
        RateLimiter limiter = EmbeddedAdapters.inMemoryRateLimiter(1, Duration.ofMinutes(1), clock);
        assertThat(limiter.acquire("k")).isInstanceOf(Verdict.Allowed.class);
        assertThat(limiter.acquire("k")).isInstanceOf(Verdict.Limited.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.acquire("k")).isInstanceOf(Verdict.Allowed.class);
        assertThat(limiter.acquire("k")).isEqualTo(new Verdict.Limited(Duration.ofMinutes(1)));
    }

    @Test
    void keysHaveWindowsOfTheirOwn() {
        RateLimiter limiter = EmbeddedAdapters.inMemoryRateLimiter(1, Duration.ofMinutes(1), clock);
        assertThat(limiter.acquire("a")).isInstanceOf(Verdict.Allowed.class);
        assertThat(limiter.acquire("a")).isInstanceOf(Verdict.Limited.class);
        assertThat(limiter.acquire("b")).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void endedWindowsAreSwept() {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(5, Duration.ofSeconds(1), clock);
        for (int i = 0; i < InMemoryRateLimiter.SWEEP_EVERY - 1; i++) {
            limiter.acquire("client-" + i);
        }
        clock.advance(Duration.ofSeconds(2));
        limiter.acquire("latest");
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> EmbeddedAdapters.inMemoryRateLimiter(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedAdapters.inMemoryRateLimiter(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
