package app.tax.analytics.domain.stats;

/** A dashboard query parameter is wrong: {@code parameter} names it, the message says why. */
public final class InvalidQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public InvalidQueryException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
