package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, WINDOW, clock);

    private void failures(String key, int count) {
        for (int i = 0; i < count; i++) {
            throttle.recordFailure(key);
        }
    }

    @Test
    void belowTheLimitNothingIsLocked() {
        failures("k", 2);

        assertThat(throttle.lockedFor("k")).isEmpty();
        assertThat(throttle.lockedFor("never failed")).isEmpty();
    }

    @Test
    void atTheLimitTheKeyIsLockedForTheWindowSinceTheLastFailure() {
        failures("k", 2);
        clock.advance(Duration.ofMinutes(5));
        failures("k", 1);

        assertThat(throttle.lockedFor("k")).contains(WINDOW);
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.lockedFor("k")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("k")).isEmpty();
    }

    @Test
    void afterALockOutTheCountStartsAgain() {
        failures("k", 3);
        clock.advance(WINDOW);
        assertThat(throttle.lockedFor("k")).isEmpty();

        failures("k", 2);

        assertThat(throttle.lockedFor("k")).isEmpty();
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        failures("k", 2);
        clock.advance(WINDOW.plusMillis(1));
        failures("k", 2);

        assertThat(throttle.lockedFor("k")).isEmpty();
    }

    @Test
    void failuresWithinTheWindowOfTheLastOneAddUp() {
        for (int i = 0; i < 3; i++) {
            failures("k", 1);
            clock.advance(Duration.ofMinutes(14));
        }

        assertThat(throttle.lockedFor("k")).contains(Duration.ofMinutes(1));
    }

    @Test
    void aSuccessClearsTheKeyAndKeysAreIndependent() {
        failures("a", 3);
        failures("b", 3);

        throttle.recordSuccess("a");

        assertThat(throttle.lockedFor("a")).isEmpty();
        assertThat(throttle.lockedFor("b")).isPresent();
    }
}
