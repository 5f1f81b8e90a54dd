package app.tax.analytics.domain.event;

import java.time.Duration;
import java.time.Instant;

/**
 * Segment's clock-skew correction: the client's clock may be wrong, but the interval between the
 * event and its sending is right, so {@code timestamp = receivedAt − (sentAt − clientTimestamp)}.
 */
public final class ClockSkew {
    private ClockSkew() {
    }

    /**
     * @param clientTimestamp {@code originalTimestamp}, else {@code timestamp}, as the client sent it (may be null)
     * @param sentAt          the client's {@code sentAt} (may be null)
     * @param receivedAt      the server's receive time
     */
    public static Instant correct(Instant clientTimestamp, Instant sentAt, Instant receivedAt) {
        if (clientTimestamp == null) {
            return receivedAt;
        }
        if (sentAt == null) {
            return clientTimestamp;
        }
        return receivedAt.minus(Duration.between(clientTimestamp, sentAt));
    }
}
