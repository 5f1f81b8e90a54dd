package app.tax.analytics.bench;

import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.ParseResult;
import app.tax.analytics.domain.traffic.ChannelClassifier;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validation of one message and the processor's enrichment, per event and of a batch of 500: the user agent
 * (Yauaa with its cache, four distinct agents), GeoIP on a test database written with test-support's MMDB
 * writer, the referrer's channel, and the whole {@code EventEnricher} with in-memory sessions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnrichmentBenchmark {
    private Path workDirectory;
    private SampleEvents.Enrichment enrichment;
    private List<Map<String, Object>> messages;
    private List<Event> batch;
    private final EventParser parser = new EventParser();
    private int next;

    @Setup
    public void setUp() {
        workDirectory = SampleEvents.tempDirectory("bench-enrich");
        enrichment = new SampleEvents.Enrichment(workDirectory);
        Instant now = Instant.now();
        messages = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            messages.add(SampleEvents.message(i, now));
        }
        batch = SampleEvents.events(0, 500, now, Duration.ofHours(1));
    }

    @TearDown
    public void tearDown() {
        enrichment.close();
        SampleEvents.deleteRecursively(workDirectory);
    }

    private Event nextEvent() {
        return batch.get(next++ & 255);
    }

    @Benchmark
    public ParseResult validateOne() {
        // the parser copies what it keeps, so one map can be validated again and again
        return parser.parse(messages.get(next++ & 63), EventType.TRACK, SampleEvents.envelope(Instant.now()));
    }

    @Benchmark
    public DeviceInfo userAgentCached() {
        return enrichment.userAgents.parse(nextEvent().context().userAgent());
    }

    @Benchmark
    public GeoLocation geoIp() {
        return enrichment.geoLocator().locate(nextEvent().context().ip());
    }

    @Benchmark
    public TrafficSource channel() {
        Event event = nextEvent();
        return ChannelClassifier.classify(event.context().page().referrer(), UrlParts.parse(event.context().page().url()).host(),
                event.context().campaign());
    }

    @Benchmark
    public List<EnrichedEvent> enrichBatchOf500() {
        return enrichment.rows(batch);
    }
}
