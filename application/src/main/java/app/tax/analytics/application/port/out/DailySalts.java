package app.tax.analytics.application.port.out;

import java.time.LocalDate;

/**
 * The secret salt of each UTC day for cookieless visitor ids, shared by every collector (Redis in production,
 * memory in one process). A day's salt is random, made by whoever asks first, and forgotten after two days: it
 * is never stored with the events, so yesterday's ids cannot be recomputed from an IP and a user agent.
 */
public interface DailySalts {

    /**
     * The salt of {@code utcDay}, created when it does not exist yet.
     *
     * @throws StateUnavailableException when the shared store cannot be reached
     */
    String saltFor(LocalDate utcDay);
}
