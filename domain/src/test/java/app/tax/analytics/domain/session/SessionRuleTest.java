package app.tax.analytics.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionRuleTest {
    private static final Instant FIRST = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant LAST = Instant.parse("2026-03-10T10:20:00Z");
    private static final SessionActivity SESSION = new SessionActivity("s-1", FIRST, LAST);
    private static final SessionRule RULE = new SessionRule(SessionRule.DEFAULT_TIMEOUT);

    @ParameterizedTest(name = "{0}: {1} ms from the last event")
    @CsvSource({
            "right after,                  1,          true",
            "same instant,                 0,          true",
            "a gap of exactly 30 minutes,  1800000,    true",
            "30 minutes and 1 ms,          1800001,    false",
            "a day later,                  86400000,   false",
            "out of order: inside,        -600000,     true",
            "out of order: before first,  -1800000,    true",
            "out of order: 30 min before first, -3000000, true",
            "out of order: 30 min + 1 ms before first, -3000001, false"})
    void continuesWhileTheGapIsAtMostTheTimeout(String description, long millisFromLast, boolean continues) {
        assertThat(RULE.continues(SESSION, LAST.plusMillis(millisFromLast))).isEqualTo(continues);
    }

    @Test
    void theDefaultIsThirtyMinutes() {
        assertThat(SessionRule.DEFAULT_TIMEOUT).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theTimeoutIsConfigurable() {
        SessionRule fiveMinutes = new SessionRule(Duration.ofMinutes(5));

        assertThat(fiveMinutes.continues(SESSION, LAST.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(fiveMinutes.continues(SESSION, LAST.plus(Duration.ofMinutes(5)).plusMillis(1))).isFalse();
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> new SessionRule(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionRule(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionRule(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sessionIdsAreDeterministicAndDependOnSourceVisitorAndStart() {
        String id = SessionRule.sessionId("web", "anon-1", FIRST);

        assertThat(id).matches("[0-9a-f]{32}").isEqualTo(SessionRule.sessionId("web", "anon-1", FIRST));
        assertThat(SessionRule.sessionId("app", "anon-1", FIRST)).isNotEqualTo(id);
        assertThat(SessionRule.sessionId("web", "anon-2", FIRST)).isNotEqualTo(id);
        assertThat(SessionRule.sessionId("web", "anon-1", FIRST.plusMillis(1))).isNotEqualTo(id);
        assertThat(SessionRule.sessionId("web", "anon-1", FIRST.plusNanos(1))).as("millisecond precision").isEqualTo(id);
    }

    @Test
    void includingStretchesTheSessionEitherWay() {
        assertThat(SESSION.including(LAST.plusSeconds(60)))
                .isEqualTo(new SessionActivity("s-1", FIRST, LAST.plusSeconds(60)));
        assertThat(SESSION.including(FIRST.minusSeconds(60)))
                .isEqualTo(new SessionActivity("s-1", FIRST.minusSeconds(60), LAST));
        assertThat(SESSION.including(FIRST.plusSeconds(1))).isEqualTo(SESSION);
    }
}
