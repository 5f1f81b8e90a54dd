package app.tax.analytics.adapters.embedded;

import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The processor's write of one batch ({@code EventStore.write} of {@code batchSize} enriched events, deduplicated by
 * (source, messageId)) against DuckDB's own bulk path, its appender, writing the same rows into the same
 * table (with its primary key), with {@code storedRows} events already stored over 90 days
 * ({@link SyntheticEvents}; {@code -p storedRows=10000000} fills ten million in about a minute). Every call
 * writes new events, as a processor draining a backlog does; the table grows by what the run writes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class StoreWriteBenchmark {
    @Param({"0", "1000000"})
    public int storedRows;

    /** Events per write: a processor's batch, or under a backlog its group of batches ({@code all}: up to 25). */
    @Param({"500"})
    public int batchSize;

    private Path dataDir;
    private DuckDbDatabase database;
    private SampleEvents.Enrichment enrichment;
    private long nextIndex;
    private List<EnrichedEvent> batch;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        dataDir = SampleEvents.tempDirectory("bench-store");
        enrichment = new SampleEvents.Enrichment(dataDir);
        database = DuckDbDatabase.open(dataDir);
        // the stored rows lie in the 90 days before the benchmark's own, which are written "now"
        SyntheticEvents.fill(database, storedRows, Instant.now().minus(Duration.ofDays(1)));
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        batch = enrichment.rowsFast(nextIndex, batchSize, Instant.now(), Duration.ofMinutes(1));
        nextIndex += batchSize;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
        enrichment.close();
        SampleEvents.deleteRecursively(dataDir);
    }

    @Benchmark
    public void processorWrite() {
        database.events().write(batch, "token-" + nextIndex);
    }

    @Benchmark
    public void bulkAppenderBaseline() throws SQLException {
        append(batch);
    }

    private void append(List<EnrichedEvent> rows) throws SQLException {
        database.write(connection -> {
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, EventsTable.NAME)) {
                for (EnrichedEvent row : rows) {
                    EventsTable.append(appender, row);
                }
                // close() alone does not report a failed flush
                appender.flush();
            }
            return null;
        });
    }
}
