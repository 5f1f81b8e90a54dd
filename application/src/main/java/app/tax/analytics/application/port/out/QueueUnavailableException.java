package app.tax.analytics.application.port.out;

/** The queue cannot take events now (full, or its server unreachable); the caller should retry later. */
public class QueueUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueueUnavailableException(String message) {
        super(message);
    }
}
