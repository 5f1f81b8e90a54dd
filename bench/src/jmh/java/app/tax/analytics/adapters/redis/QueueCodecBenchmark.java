package app.tax.analytics.adapters.redis;

import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.domain.event.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The Redis queue's stream entry format ({@link EventCodec}) one event at a time, against Jackson's own
 * {@code readTree} / {@code writeValueAsString} of the same entry as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueCodecBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EventCodec codec = new EventCodec();
    private Event event;
    private String payload;
    private JsonNode tree;

    @Setup
    public void setUp() throws IOException {
        List<Event> events = SampleEvents.events(1, 1, Instant.now(), Duration.ZERO);
        event = events.get(0);
        payload = codec.encode(event);
        tree = MAPPER.readTree(payload);
    }

    @Benchmark
    public String encode() {
        return codec.encode(event);
    }

    @Benchmark
    public String encodeBaselineJacksonTree() throws IOException {
        return MAPPER.writeValueAsString(tree);
    }

    @Benchmark
    public Event decode() {
        return codec.decode(payload);
    }

    @Benchmark
    public JsonNode decodeBaselineReadTree() throws IOException {
        return MAPPER.readTree(payload);
    }
}
