package app.tax.analytics.adapters.embedded;

import app.tax.analytics.querymodel.EventFields;
import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DuckDB row binding ({@link EventsTable#append}: 45 columns, properties/traits/context written as JSON)
 * of 500 enriched events into a table without constraints, against the appender's own cost: 500 rows of 45
 * values taken as they are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowBindingBenchmark {
    private static final String TABLE = "events_binding";

    private Path dataDir;
    private DuckDbDatabase database;
    private List<EnrichedEvent> rows;
    private String[][] plainValues;

    @Setup
    public void setUp() throws SQLException {
        dataDir = SampleEvents.tempDirectory("bench-binding");
        try (SampleEvents.Enrichment enrichment = new SampleEvents.Enrichment(dataDir)) {
            rows = enrichment.rowsFast(0, StoreWriteBenchmark.BATCH, Instant.now(), Duration.ofMinutes(1));
        }
        database = DuckDbDatabase.open(dataDir);
        // the same column types, all text, so the baseline appends ready strings
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + TABLE + " AS SELECT * FROM " + EventsTable.NAME + " LIMIT 0");
                statement.execute("CREATE TABLE " + TABLE + "_text AS SELECT "
                        + String.join(", ", EventFields.ALL.stream().map(c -> "''::VARCHAR AS c_" + c.name()).toList()) + " LIMIT 0");
            }
            return null;
        });
        plainValues = new String[rows.size()][EventFields.ALL.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < EventFields.ALL.size(); c++) {
                plainValues[r][c] = "value-" + r + "-" + c;
            }
        }
    }

    @TearDown(Level.Iteration)
    public void emptyTables() throws SQLException {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM " + TABLE);
                statement.execute("DELETE FROM " + TABLE + "_text");
            }
            return null;
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
        SampleEvents.deleteRecursively(dataDir);
    }

    @Benchmark
    public void bindEnrichedRows() throws SQLException {
        database.write(connection -> {
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                for (EnrichedEvent row : rows) {
                    EventsTable.append(appender, row);
                }
                appender.flush();
            }
            return null;
        });
    }

    @Benchmark
    public void appendPlainStringsBaseline() throws SQLException {
        database.write(connection -> {
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE + "_text")) {
                for (String[] row : plainValues) {
                    appender.beginRow();
                    for (String value : row) {
                        appender.append(value);
                    }
                    appender.endRow();
                }
                appender.flush();
            }
            return null;
        });
    }
}
