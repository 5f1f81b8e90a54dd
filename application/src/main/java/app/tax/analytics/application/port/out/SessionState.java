package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.session.SessionActivity;
import java.time.Duration;
import java.util.Optional;

/**
 * Each visitor's current session, shared by every processor (Redis in production, memory in one process).
 */
public interface SessionState {

    Optional<SessionActivity> current(String source, String visitorId);

    /** Remembers the visitor's session for at least {@code keepFor} after its last activity. */
    void save(String source, String visitorId, SessionActivity activity, Duration keepFor);
}
