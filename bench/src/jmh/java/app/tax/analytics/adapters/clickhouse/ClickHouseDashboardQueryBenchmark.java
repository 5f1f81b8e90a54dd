package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.bench.DashboardQueries;
import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.querymodel.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DashboardQueries} on the ClickHouse store, against the test fixture's engine (chDB behind
 * {@code test-support/chdb-front} unless {@code ANALYTICS_TEST_CLICKHOUSE_URL} names a server), its events generated
 * by the engine and merged ({@link ClickHouseBenchDatabase#fill}). Run from the repository's root, where the
 * fixture finds the front; {@code -p storedRows=10000000} fills ten million rows (a few minutes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ClickHouseDashboardQueryBenchmark extends DashboardQueries {
    private ClickHouseBenchDatabase database;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = new ClickHouseBenchDatabase("bench_queries");
        Instant newest = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        database.fill(storedRows, newest);
        prepare(database.connection.stats(), ClickHouseDialect.INSTANCE, newest);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        database.close();
    }

    @Override
    protected long raw(Sql sql) throws SQLException {
        return database.client.query(BoundSql.of(sql), SampleEvents::nonNullValues);
    }
}
