package app.tax.analytics.bootstrap.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code LOG_LEVEL}, applied to the root logger at start. */
public final class LoggingOptions {
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:LOG_LEVEL}",
            description = "LOG_LEVEL: trace, debug, info, warn or error. Default info.")
    String logLevel;

    public void apply() {
        String level = Values.text(logLevel, "info").toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new ConfigurationException("LOG_LEVEL must be one of trace, debug, info, warn, error, off; got '" + logLevel + "'");
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level));
    }
}
