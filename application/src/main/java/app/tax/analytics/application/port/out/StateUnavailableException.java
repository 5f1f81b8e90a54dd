package app.tax.analytics.application.port.out;

/**
 * Shared state (sessions in Redis) cannot be reached now. The events are not at fault: the processor
 * keeps them and tries again later instead of dead-lettering them.
 */
public class StateUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
