package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.CollectEvents;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.bench.DiscardingQueue;
import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.source.WriteKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The collector's work on a request body after the HTTP layer: reading it ({@link IngestionBody}), validating
 * every message ({@link CollectService} with {@link EventParser}, write key and rate limit included) and handing
 * the events to a queue that discards them. The baseline is what the no-op handler of issue 15 does: Jackson's
 * {@code readTree} of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectorBodyBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private byte[] single;
    private byte[] batch;
    private CollectEvents collect;

    @Setup
    public void setUp() {
        single = SampleEvents.trackBody(1);
        batch = SampleEvents.batchBody(1, 20);
        collect = new CollectService(WriteKeys.parse(SampleEvents.SOURCE + ":" + SampleEvents.WRITE_KEY), RateLimiter.UNLIMITED,
                new DiscardingQueue(), new EventParser(), PipelineMetrics.NONE, Clock.systemUTC());
    }

    @Benchmark
    public JsonNode singleBaselineReadTree() throws IOException {
        return MAPPER.readTree(single);
    }

    @Benchmark
    public IngestionBody singleRead() {
        return IngestionBody.single(single);
    }

    @Benchmark
    public CollectEvents.Outcome singleReadAndCollect() {
        IngestionBody body = IngestionBody.single(single);
        return collect.collect(new CollectEvents.Request(SampleEvents.WRITE_KEY, EventType.TRACK, body.messages(),
                body.batchContext(), SampleEvents.CLIENT_IP));
    }

    @Benchmark
    public JsonNode batch20BaselineReadTree() throws IOException {
        return MAPPER.readTree(batch);
    }

    @Benchmark
    public IngestionBody batch20Read() {
        return IngestionBody.batch(batch);
    }

    @Benchmark
    public CollectEvents.Outcome batch20ReadAndCollect() {
        IngestionBody body = IngestionBody.batch(batch);
        return collect.collect(new CollectEvents.Request(SampleEvents.WRITE_KEY, null, body.messages(),
                body.batchContext(), SampleEvents.CLIENT_IP));
    }
}
