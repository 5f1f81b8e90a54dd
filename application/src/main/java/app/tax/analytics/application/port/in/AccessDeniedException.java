package app.tax.analytics.application.port.in;

/** The signed-in user may not do this (another source, an admin action). */
public class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
