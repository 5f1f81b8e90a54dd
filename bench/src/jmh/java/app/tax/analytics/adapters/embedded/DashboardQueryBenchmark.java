package app.tax.analytics.adapters.embedded;

import app.tax.analytics.bench.DashboardQueries;
import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.querymodel.Sql;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DashboardQueries} on the DuckDB store, its events written straight into the service's table
 * ({@link SyntheticEvents}). {@code -p storedRows=10000000} fills ten million rows (about 1–2.5 min on 2 cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DashboardQueryBenchmark extends DashboardQueries {
    private Path dataDir;
    private DuckDbDatabase database;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        dataDir = SampleEvents.tempDirectory("bench-queries");
        database = DuckDbDatabase.open(dataDir);
        Instant newest = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        SyntheticEvents.fill(database, storedRows, newest);
        prepare(database.stats(), DuckDbDialect.INSTANCE, newest);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
        SampleEvents.deleteRecursively(dataDir);
    }

    @Override
    protected long raw(Sql sql) throws SQLException {
        return database.read(connection -> {
            try (PreparedStatement statement = DuckDbDialect.prepare(connection, sql); ResultSet rows = statement.executeQuery()) {
                return SampleEvents.nonNullValues(rows);
            }
        });
    }
}
