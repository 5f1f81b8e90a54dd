package app.tax.analytics.domain.event;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Segment's clock-skew correction: the client's clock may be wrong, but the interval between the
 * event and its sending is right, so {@code timestamp = receivedAt − (sentAt − clientTimestamp)}. The result
 * saturates at {@link Instant#MIN} / {@link Instant#MAX} instead of overflowing.
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
        // in seconds and nanoseconds with exact arithmetic: client times near Instant's ends must not overflow
        try {
            Duration delay = Duration.between(clientTimestamp, sentAt);
            long seconds = Math.subtractExact(receivedAt.getEpochSecond(), delay.getSeconds());
            long nanos = (long) receivedAt.getNano() - delay.getNano();
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (ArithmeticException | DateTimeException outOfRange) {
            // beyond what an Instant holds: the event is that far in the future or past; callers bound it
            return clientTimestamp.isAfter(sentAt) ? Instant.MAX : Instant.MIN;
        }
    }
}
