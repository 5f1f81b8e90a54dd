package app.tax.analytics.bootstrap.config;

import app.tax.analytics.domain.enrich.IpAnonymization;
import app.tax.analytics.domain.session.SessionRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the processor batches and enriches events. */
public final class ProcessingOptions {
    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:BATCH_SIZE}",
            description = "BATCH_SIZE: events per store write. Default 100.")
    String batchSize;

    @Option(names = "--flush-interval-ms", paramLabel = "MS", defaultValue = "${env:FLUSH_INTERVAL_MS}",
            description = "FLUSH_INTERVAL_MS: longest wait before a partial batch is written. Default 1000.")
    String flushIntervalMs;

    @Option(names = "--maxmind-db-path", paramLabel = "FILE", defaultValue = "${env:MAXMIND_DB_PATH}",
            description = "MAXMIND_DB_PATH: a GeoLite2/GeoIP2 City .mmdb file; without it, no country/region/city.")
    String maxmindDbPath;

    @Option(names = "--ip-anonymization", paramLabel = "MODE", defaultValue = "${env:IP_ANONYMIZATION}",
            description = "IP_ANONYMIZATION: what is stored of client IPs after the GeoIP lookup: truncate (IPv4 /24, IPv6 /48), drop, or off. Default truncate.")
    String ipAnonymization;

    @Option(names = "--session-timeout-minutes", paramLabel = "MIN", defaultValue = "${env:SESSION_TIMEOUT_MINUTES}",
            description = "SESSION_TIMEOUT_MINUTES: inactivity that ends a session. Default 30.")
    String sessionTimeoutMinutes;

    @Option(names = "--claim-idle-ms", paramLabel = "MS", defaultValue = "${env:CLAIM_IDLE_MS}",
            description = "CLAIM_IDLE_MS: events pending this long at another processor are taken over (it is presumed dead). Default 60000.")
    String claimIdleMs;

    /** Reads every processing setting once, so a bad value stops start-up before anything is opened. */
    public void check() {
        batchSize();
        flushInterval();
        claimIdle();
        maxmindDb();
        ipAnonymization();
        sessionRule();
    }

    public Duration claimIdle() {
        return Duration.ofMillis(Values.integer("CLAIM_IDLE_MS", claimIdleMs, 60_000, 1000, 3_600_000));
    }

    public int batchSize() {
        return Values.integer("BATCH_SIZE", batchSize, 100, 1, 100_000);
    }

    public Duration flushInterval() {
        return Duration.ofMillis(Values.integer("FLUSH_INTERVAL_MS", flushIntervalMs, 1000, 10, 600_000));
    }

    public Optional<Path> maxmindDb() {
        return Values.isSet(maxmindDbPath) ? Optional.of(Values.readableFile("MAXMIND_DB_PATH", maxmindDbPath)) : Optional.empty();
    }

    public IpAnonymization ipAnonymization() {
        if (!Values.isSet(ipAnonymization)) {
            return IpAnonymization.TRUNCATE;
        }
        return IpAnonymization.parse(ipAnonymization).orElseThrow(() ->
                new ConfigurationException("IP_ANONYMIZATION must be truncate, drop or off, got '" + ipAnonymization + "'"));
    }

    public SessionRule sessionRule() {
        return new SessionRule(Duration.ofMinutes(Values.integer("SESSION_TIMEOUT_MINUTES", sessionTimeoutMinutes, 30, 1, 24 * 60)));
    }
}
