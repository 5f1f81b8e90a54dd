package app.tax.analytics.domain.session;

import java.time.Instant;
import java.util.Objects;

/**
 * What the processor remembers of a visitor's current session.
 *
 * @param sessionId     the session's id
 * @param firstActivity its earliest event time
 * @param lastActivity  its latest event time
 */
public record SessionActivity(String sessionId, Instant firstActivity, Instant lastActivity) {
    public SessionActivity {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(firstActivity, "firstActivity");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }

    /** This session stretched to include an event at {@code at}. */
    public SessionActivity including(Instant at) {
        return new SessionActivity(sessionId,
                at.isBefore(firstActivity) ? at : firstActivity,
                at.isAfter(lastActivity) ? at : lastActivity);
    }
}
