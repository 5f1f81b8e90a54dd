package app.tax.analytics.bootstrap.config;

import app.tax.analytics.domain.source.WriteKeys;
import java.time.Duration;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** Ingestion options: write keys and the rate limit. */
public final class CollectorOptions {
    @Option(names = "--allowed-write-keys", paramLabel = "KEYS", defaultValue = "${env:ALLOWED_WRITE_KEYS}", showDefaultValue = Visibility.NEVER,
            description = "ALLOWED_WRITE_KEYS: comma-separated write keys, each 'key' or 'name:key' (name = the source).")
    String allowedWriteKeys;

    @Option(names = "--rate-limit-window-ms", paramLabel = "MS", defaultValue = "${env:RATE_LIMIT_WINDOW_MS}",
            description = "RATE_LIMIT_WINDOW_MS: rate-limit window per write key and client IP. Default 60000.")
    String rateLimitWindowMs;

    @Option(names = "--rate-limit-max-requests", paramLabel = "N", defaultValue = "${env:RATE_LIMIT_MAX_REQUESTS}",
            description = "RATE_LIMIT_MAX_REQUESTS: requests allowed per window per write key and client IP; 0 disables. Default 100.")
    String rateLimitMaxRequests;

    public String rawWriteKeys() {
        return allowedWriteKeys;
    }

    public WriteKeys writeKeys() {
        return parseWriteKeys(allowedWriteKeys);
    }

    public static WriteKeys parseWriteKeys(String raw) {
        try {
            return WriteKeys.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ALLOWED_WRITE_KEYS " + e.getMessage());
        }
    }

    public Duration rateLimitWindow() {
        return Duration.ofMillis(Values.integer("RATE_LIMIT_WINDOW_MS", rateLimitWindowMs, 60_000, 100, 86_400_000));
    }

    public int rateLimitMaxRequests() {
        return Values.integer("RATE_LIMIT_MAX_REQUESTS", rateLimitMaxRequests, 100, 0, 10_000_000);
    }
}
