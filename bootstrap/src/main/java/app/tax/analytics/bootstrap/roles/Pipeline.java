package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.geoip.GeoIp;
import app.tax.analytics.adapters.geoip.GeoIpDatabase;
import app.tax.analytics.adapters.http.Dependency;
import app.tax.analytics.adapters.useragent.UserAgents;
import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.GeoLocator;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.application.service.EventEnricher;
import app.tax.analytics.application.service.EventProcessor;
import app.tax.analytics.application.service.ProcessorSettings;
import app.tax.analytics.application.service.ProcessorWorker;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.ProcessingOptions;
import app.tax.analytics.bootstrap.wiring.Metrics;
import app.tax.analytics.bootstrap.wiring.Resources;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Wiring shared by the roles that process events ({@code processor}, {@code all}). */
final class Pipeline {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);
    static final int MAX_DELIVERIES = 5;

    private Pipeline() {
    }

    /** How often the processor looks whether geoip-update replaced the database file. */
    static final Duration GEOIP_FILE_CHECK = Duration.ofMinutes(1);

    static EventEnricher enricher(ProcessingOptions processing, SessionState sessions, Resources resources, MeterRegistry registry) {
        GeoLocator geo = GeoLocator.NONE;
        Optional<Path> mmdb = processing.maxmindDb();
        if (mmdb.isPresent()) {
            try {
                GeoIpDatabase database = resources.add(GeoIp.openFollowing(mmdb.get(), GEOIP_FILE_CHECK));
                Metrics.geoIpGauge(registry, database);
                geo = database;
                LOG.info("GeoIP enrichment from {}, built {}", mmdb.get().getFileName(), database.buildTime());
            } catch (IOException e) {
                throw new ConfigurationException("MAXMIND_DB_PATH: " + e.getMessage());
            }
        } else {
            LOG.info("MAXMIND_DB_PATH not set: events get no country, region or city");
        }
        return new EventEnricher(geo, UserAgents.yauaa(), sessions, processing.sessionRule(), processing.ipAnonymization());
    }

    static ProcessorWorker startWorker(ConsumeEvents queue, EventStore store, EventEnricher enricher, PipelineMetrics metrics,
                                       ProcessingOptions processing, String consumer) {
        return startWorker(queue, store, enricher, metrics, processing, consumer, false);
    }

    /**
     * @param backlogGroups whether a backlog is written several batches at a time ({@code ProcessorSettings.BACKLOG_BATCHES}): for
     *                      {@code all}, whose one worker must keep up alone; scaled-out processors hold one batch each
     */
    static ProcessorWorker startWorker(ConsumeEvents queue, EventStore store, EventEnricher enricher, PipelineMetrics metrics,
                                       ProcessingOptions processing, String consumer, boolean backlogGroups) {
        ProcessorSettings batches = new ProcessorSettings(consumer, processing.batchSize(), processing.flushInterval(),
                processing.claimIdle(), MAX_DELIVERIES);
        ProcessorSettings settings = backlogGroups ? batches.withBacklogGroups() : batches;
        EventProcessor processor = new EventProcessor(queue, store, enricher, metrics, settings, Clock.systemUTC());
        // Retries renew the claim on the batch, so they must come well within the claim-idle time.
        Duration maxBackoff = processing.claimIdle().dividedBy(3);
        return new ProcessorWorker(processor, "processor-" + consumer,
                maxBackoff.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : maxBackoff).start();
    }

    static Dependency storeDependency(String name, EventStore store) {
        return new Dependency(name, store::isReady);
    }
}
