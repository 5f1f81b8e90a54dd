package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
    /** Within a batch the first copy of an event wins, as against rows already stored. */
    private static final String INSERT_FROM_STAGING = "INSERT INTO " + EventsTable.NAME + " SELECT * FROM " + STAGING
            + " QUALIFY row_number() OVER (PARTITION BY source, message_id ORDER BY rowid) = 1 ON CONFLICT DO NOTHING";

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
                for (EnrichedEvent row : batch) {
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

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public long erase(String source, String userId, String anonymousId) {
        boolean byUser = userId != null && !userId.isBlank();
        boolean byAnonymous = anonymousId != null && !anonymousId.isBlank();
        if (!byUser && !byAnonymous) {
            throw new IllegalArgumentException("userId or anonymousId is required");
        }
        Sql sql = new Sql().add("DELETE FROM " + EventsTable.NAME + " WHERE (");
        if (byUser) {
            sql.add("user_id = ?", userId);
        }
        if (byAnonymous) {
            sql.add(byUser ? " OR anonymous_id = ?" : "anonymous_id = ?", anonymousId);
        }
        sql.add(")");
        if (source != null) {
            sql.add(" AND source = ?", source);
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
