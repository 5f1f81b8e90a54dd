package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link EventStore} on DuckDB. A batch goes through DuckDB's appender (fast: no statement per row)
 * into a temporary staging table, then into {@code events} with one {@code INSERT ... ON CONFLICT DO
 * NOTHING}, in one transaction: the primary key {@code (source, message_id)} makes any retry, of a
 * whole batch or of one event, a no-op, so the deduplication token is not needed here.
 */
final class DuckDbEventStore implements EventStore {
    private static final String STAGING = "events_staging";
    /** The primary key's index finds the events already stored, whatever the table's size. */
    private static final String INSERT_FROM_STAGING = "INSERT INTO " + EventsTable.NAME + " SELECT * FROM " + STAGING
            + " ON CONFLICT DO NOTHING";

    private final DuckDbDatabase database;
    private boolean stagingCreated;

    DuckDbEventStore(DuckDbDatabase database) {
        this.database = Objects.requireNonNull(database);
    }

    @Override
    public void write(List<EnrichedEvent> batch, String deduplicationToken) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        try {
            database.write(connection -> {
                insert((DuckDBConnection) connection, batch);
                return null;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not store a batch of " + batch.size() + " events: " + e.getMessage(), e);
        }
    }

    /** Runs on the writer connection under the write lock, so the staging table is this call's alone. */
    private void insert(DuckDBConnection connection, List<EnrichedEvent> batch) throws SQLException {
        if (!stagingCreated) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(EventsTable.createStaging(STAGING));
            }
            stagingCreated = true;
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + STAGING);
            try (DuckDBAppender appender = connection.createAppender("temp", "main", STAGING)) {
                for (EnrichedEvent row : firstCopies(batch)) {
                    EventsTable.append(appender, row);
                }
            }
            statement.executeUpdate(INSERT_FROM_STAGING);
            statement.execute("DELETE FROM " + STAGING);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private record EventKey(String source, String messageId) {
    }

    /**
     * The batch without repeated events, the first copy kept as against rows already stored. Done here
     * because a window function over the staged rows costs more than the insert itself.
     */
    private static Collection<EnrichedEvent> firstCopies(List<EnrichedEvent> batch) {
        Map<EventKey, EnrichedEvent> first = new LinkedHashMap<>(batch.size() * 2);
        for (EnrichedEvent row : batch) {
            first.putIfAbsent(new EventKey(row.event().source(), row.event().messageId()), row);
        }
        return first.values();
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void deleteOlderThan(Instant cutoff) {
        Sql sql = new Sql().add("DELETE FROM " + EventsTable.NAME + " WHERE \"timestamp\" < make_timestamp(?)",
                DuckDbDialect.micros(cutoff));
        try {
            database.write(connection -> {
                try (PreparedStatement statement = sql.prepare(connection)) {
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not apply retention: " + e.getMessage(), e);
        }
    }

    @Override
    public long erase(Subject subject) {
        Sql sql = new Sql().add("DELETE FROM " + EventsTable.NAME + " WHERE (");
        if (subject.userId() != null) {
            sql.add("user_id = ?", subject.userId());
        }
        if (subject.anonymousId() != null) {
            sql.add(subject.userId() != null ? " OR anonymous_id = ?" : "anonymous_id = ?", subject.anonymousId());
        }
        sql.add(")");
        if (subject.source() != null) {
            sql.add(" AND source = ?", subject.source());
        }
        try {
            return database.write(connection -> {
                try (PreparedStatement statement = sql.prepare(connection)) {
                    return (long) statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not erase a subject's events: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReady() {
        return database.isOpen();
    }
}
