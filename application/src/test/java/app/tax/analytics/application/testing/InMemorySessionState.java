package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.domain.session.SessionActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Session state in a map, remembering how long each save asked to be kept. */
public final class InMemorySessionState implements SessionState {
    private final Map<String, SessionActivity> sessions = new HashMap<>();
    private final List<Duration> keepFors = new ArrayList<>();
    private int unavailableReads;

    /** The next {@code count} reads fail as when Redis is unreachable. */
    public void failNextReads(int count) {
        unavailableReads = count;
    }

    @Override
    public Optional<SessionActivity> current(String source, String visitorId) {
        if (unavailableReads > 0) {
            unavailableReads--;
            throw new app.tax.analytics.application.port.out.StateUnavailableException("session state down", null);
        }
        return Optional.ofNullable(sessions.get(source + "\n" + visitorId));
    }

    @Override
    public void save(String source, String visitorId, SessionActivity activity, Duration keepFor) {
        sessions.put(source + "\n" + visitorId, activity);
        keepFors.add(keepFor);
    }

    public List<Duration> keepFors() {
        return List.copyOf(keepFors);
    }

    public int saves() {
        return keepFors.size();
    }
}
