package app.tax.analytics.application.port.in;

/** Removing this account would leave nobody able to manage users. */
public final class LastAdminException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LastAdminException(String email) {
        super(email + " is the last admin and cannot be removed; make another admin first");
    }
}
