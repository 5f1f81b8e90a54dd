package app.tax.analytics.application.port.out;

/** The store did not confirm a write or answer a read; nothing may be acknowledged on its behalf. */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
