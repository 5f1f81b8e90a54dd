package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write appends the events and inserts their identity links in one transaction. DuckDB's driver begins a
 * transaction only at the first statement, so an appender flushed first used to commit on its own: a reader saw
 * events without their links, and a crash between the two kept the events and lost the links.
 */
class DuckDbWriteTransactionTest {
    private DuckDBConnection writer;
    private DuckDBConnection reader;

    @BeforeEach
    void open() throws SQLException {
        writer = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = writer.createStatement()) {
            statement.execute("CREATE TABLE rows_written (id VARCHAR PRIMARY KEY)");
        }
        reader = (DuckDBConnection) writer.duplicate();
    }

    @AfterEach
    void close() throws SQLException {
        reader.close();
        writer.close();
    }

    @Test
    void rowsAppendedFirstAreUnseenUntilTheCommitAndGoneWhenALaterStepFails() throws SQLException {
        AtomicLong seenBeforeCommit = new AtomicLong(-1);

        assertThatThrownBy(() -> DuckDbEventStore.inTransaction(writer, () -> {
            appendRow("appended-first");
            seenBeforeCommit.set(count(reader));
            throw new SQLException("the links' insert failed");
        }, false)).hasMessage("the links' insert failed");

        assertThat(seenBeforeCommit.get()).as("rows seen by another connection before the commit").isZero();
        assertThat(count(reader)).as("rows kept after the rollback").isZero();
    }

    @Test
    void aCommittedWriteIsSeenWhole() throws SQLException {
        assertThat(DuckDbEventStore.inTransaction(writer, () -> {
            appendRow("a");
            try (Statement statement = writer.createStatement()) {
                statement.execute("INSERT INTO rows_written VALUES ('b')");
            }
        }, false)).isTrue();

        assertThat(count(reader)).isEqualTo(2);
    }

    private void appendRow(String id) throws SQLException {
        try (DuckDBAppender appender = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rows_written")) {
            appender.beginRow();
            appender.append(id);
            appender.endRow();
            appender.flush();
        }
    }

    private static long count(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM rows_written")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
