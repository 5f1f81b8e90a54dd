package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.domain.session.SessionActivity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySessionStateTest {
    private static final Instant START = Instant.parse("2024-03-09T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final SessionActivity session = new SessionActivity("s1", START, START.plusSeconds(60));

    @Test
    void remembersASessionPerSourceAndVisitor() {
        SessionState state = EmbeddedAdapters.inMemorySessionState(clock);
        state.save("web", "anon-a", session, Duration.ofHours(1));

        assertThat(state.current("web", "anon-a")).contains(session);
        assertThat(state.current("app", "anon-a")).isEmpty();
        assertThat(state.current("web", "anon-b")).isEmpty();
    }

    @Test
    void aSaveReplacesTheVisitorsSession() {
        SessionState state = EmbeddedAdapters.inMemorySessionState(clock);
        state.save("web", "anon-a", session, Duration.ofHours(1));
        SessionActivity next = new SessionActivity("s2", START.plusSeconds(7200), START.plusSeconds(7200));
        state.save("web", "anon-a", next, Duration.ofHours(1));

        assertThat(state.current("web", "anon-a")).contains(next);
    }

    @Test
    void entriesExpireKeepForAfterTheirSave() {
        SessionState state = EmbeddedAdapters.inMemorySessionState(clock);
        state.save("web", "anon-a", session, Duration.ofMinutes(60));

        clock.advance(Duration.ofMinutes(59));
        assertThat(state.current("web", "anon-a")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(state.current("web", "anon-a")).isEmpty();
    }

    @Test
    void expiredEntriesAreSweptSoMemoryFollowsActiveVisitors() {
        InMemorySessionState state = new InMemorySessionState(clock);
        for (int i = 0; i < InMemorySessionState.SWEEP_EVERY - 1; i++) {
            state.save("web", "old-" + i, session, Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(2));
        state.save("web", "new", session, Duration.ofMinutes(1));

        assertThat(state.size()).isEqualTo(1);
        assertThat(state.current("web", "new")).contains(session);
    }
}
