package app.tax.analytics.adapters.embedded;

import app.tax.analytics.querymodel.EventFields;
import app.tax.analytics.querymodel.SessionPart;
import app.tax.analytics.querymodel.SessionParts;
import app.tax.analytics.bench.SampleEvents;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * values taken as they are. And the session parts a write adds for the same events, of 500 sessions as under
 * load: {@link SessionPart#partsOf} alone and with its rows appended ({@link SessionPartsTable#add}), against
 * as many rows of as many values taken as they are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RowBindingBenchmark {
    /** Events bound per operation: a processor's batch at the default {@code BATCH_SIZE}. */
    private static final int EVENTS = 500;
    private static final String TABLE = "events_binding";
    private static final String PARTS_TEXT_TABLE = "session_parts_text";
    private static final int PART_COLUMNS = SessionParts.keyColumns().size() + SessionParts.COUNT_COLUMNS.size() + 2;

    private Path dataDir;
    private DuckDbDatabase database;
    private List<EnrichedEvent> rows;
    private String[][] plainValues;
    private String[][] plainParts;

    @Setup
    public void setUp() throws SQLException {
        dataDir = SampleEvents.tempDirectory("bench-binding");
        try (SampleEvents.Enrichment enrichment = new SampleEvents.Enrichment(dataDir)) {
            rows = enrichment.rowsFast(0, EVENTS, Instant.now(), Duration.ofMinutes(1));
        }
        database = DuckDbDatabase.open(dataDir);
        // the same column types, all text, so the baseline appends ready strings
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + TABLE + " AS SELECT * FROM " + EventsTable.NAME + " LIMIT 0");
                statement.execute("CREATE TABLE " + TABLE + "_text AS SELECT "
                        + String.join(", ", EventFields.ALL.stream().map(c -> "''::VARCHAR AS c_" + c.name()).toList()) + " LIMIT 0");
                statement.execute("CREATE TABLE " + PARTS_TEXT_TABLE + " ("
                        + String.join(", ", IntStream.range(0, PART_COLUMNS).mapToObj(c -> "c" + c + " VARCHAR").toList()) + ")");
            }
            return null;
        });
        plainValues = plainValues(rows.size(), EventFields.ALL.size());
        plainParts = plainValues(SessionPart.partsOf(rows).size(), PART_COLUMNS);
    }

    private static String[][] plainValues(int rowCount, int columnCount) {
        String[][] values = new String[rowCount][columnCount];
        for (int r = 0; r < rowCount; r++) {
            for (int c = 0; c < columnCount; c++) {
                values[r][c] = "value-" + r + "-" + c;
            }
        }
        return values;
    }

    @TearDown(Level.Iteration)
    public void emptyTables() throws SQLException {
        database.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM " + TABLE);
                statement.execute("DELETE FROM " + TABLE + "_text");
                statement.execute("DELETE FROM " + SessionPartsTable.NAME);
                statement.execute("DELETE FROM " + PARTS_TEXT_TABLE);
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
        appendPlain(TABLE + "_text", plainValues);
    }

    @Benchmark
    public List<SessionPart> sessionPartsOfRows() {
        return SessionPart.partsOf(rows);
    }

    @Benchmark
    public void bindSessionParts() throws SQLException {
        database.write(connection -> {
            SessionPartsTable.add((DuckDBConnection) connection, rows);
            return null;
        });
    }

    @Benchmark
    public void appendPlainPartsBaseline() throws SQLException {
        appendPlain(PARTS_TEXT_TABLE, plainParts);
    }

    private void appendPlain(String table, String[][] values) throws SQLException {
        database.write(connection -> {
            try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                for (String[] row : values) {
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
