package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final LoginThrottle lockout = LoginThrottle.lockout(3, WINDOW, clock);
    private final LoginThrottle slowdown = LoginThrottle.slowdown(3, WINDOW, Duration.ofSeconds(8), clock);

    private static void failures(LoginThrottle throttle, String key, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(throttle.reserve(key)).isEmpty();
        }
    }

    @Test
    void reservationsCountAsFailuresUntilReleased() {
        failures(lockout, "k", 3);

        assertThat(lockout.reserve("k")).contains(WINDOW);
        lockout.release("k");
        assertThat(lockout.reserve("k")).isEmpty();
        assertThat(lockout.reserve("never failed")).isEmpty();
    }

    @Test
    void aLockOutLastsTheWindowSinceTheLastFailureAndRefusalsDoNotExtendIt() {
        failures(lockout, "k", 2);
        clock.advance(Duration.ofMinutes(5));
        failures(lockout, "k", 1);

        assertThat(lockout.reserve("k")).contains(WINDOW);
        clock.advance(Duration.ofMinutes(14));
        assertThat(lockout.reserve("k")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(lockout.reserve("k")).isEmpty();
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        failures(lockout, "k", 2);
        clock.advance(WINDOW.plusMillis(1));
        failures(lockout, "k", 2);

        assertThat(lockout.reserve("k")).isEmpty();
    }

    @Test
    void aSlowdownDoublesTheWaitUpToItsMaximumAndNeverLocks() {
        failures(slowdown, "k", 3);

        for (long seconds : new long[] {1, 2, 4, 8, 8}) {
            assertThat(slowdown.reserve("k")).contains(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds));
            assertThat(slowdown.reserve("k")).isEmpty();
        }
    }

    @Test
    void forgettingClearsTheKeyAndKeysAreIndependent() {
        failures(lockout, "a", 3);
        failures(lockout, "b", 3);

        lockout.forget("a");

        assertThat(lockout.reserve("a")).isEmpty();
        assertThat(lockout.reserve("b")).isPresent();
    }
}
