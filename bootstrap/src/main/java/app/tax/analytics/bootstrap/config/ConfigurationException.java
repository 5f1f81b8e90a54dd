package app.tax.analytics.bootstrap.config;

/** Invalid configuration: the message is one line that names the variable. Start-up stops. */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
