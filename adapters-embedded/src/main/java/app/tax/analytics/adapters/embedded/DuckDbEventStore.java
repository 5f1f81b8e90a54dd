package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.IdentityLink;
import app.tax.analytics.domain.event.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link EventStore} on DuckDB. The primary key {@code (source, message_id)} makes any retry, of a whole
 * batch or of one event, a no-op, so the deduplication token is not needed here. A batch is first appended
 * straight into {@code events} with DuckDB's appender in one transaction: the engine's own bulk path, whose
 * key check is an index probe per row, so its cost does not grow with the table. Only when that meets an
 * event already stored (a redelivery) is the transaction rolled back and the batch written the careful way:
 * appended into a temporary staging table, then moved with one {@code INSERT ... ON CONFLICT DO NOTHING}.
 * The identity links of the batch's identify and alias events go into {@code identities} in the same
 * transaction, so a stored event always has its link.
 */
final class DuckDbEventStore implements EventStore {
    private static final String STAGING = "events_staging";
    /** For a batch with events already stored: the primary key's index finds them, whatever the table's size. */
    private static final String INSERT_FROM_STAGING = "INSERT INTO " + EventsTable.NAME + " SELECT * FROM " + STAGING
            + " ON CONFLICT DO NOTHING RETURNING source, message_id";

    private final DuckDbDatabase database;
    /** How often a write's session parts are merged into one row per key (a few seconds' rows at a time). */
    private static final long COMPACTION_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();
    private static final System.Logger LOG = System.getLogger(DuckDbEventStore.class.getName());
    /**
     * About how many events one retention transaction deletes: DuckDB takes the deleted rows out of the primary key's
     * index at commit, 20–30 µs each on 2 cores, while the processor waits (so about a second per step).
     */
    static final long EVENTS_PER_RETENTION_STEP = 25_000;

    private boolean temporaryTablesCreated;
    private long lastCompaction = System.nanoTime();

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
                if (System.nanoTime() - lastCompaction >= COMPACTION_INTERVAL_NANOS) {
                    compact((DuckDBConnection) connection);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not store a batch of " + batch.size() + " events: " + e.getMessage(), e);
        }
    }

    /** Runs on the writer connection under the write lock, so the staging table is this call's alone. */
    private void insert(DuckDBConnection connection, List<EnrichedEvent> batch) throws SQLException {
        Collection<EnrichedEvent> rows = firstCopies(batch);
        List<IdentityLink> links = IdentitiesTable.linksOf(rows);
        ensureTemporaryTables(connection);
        boolean appended = inTransaction(connection, () -> {
            append(connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, EventsTable.NAME), rows);
            IdentitiesTable.insert(connection, links);
            SessionPartsTable.add(connection, rows);
        }, true);
        if (!appended) {
            inTransaction(connection, () -> {
                SessionPartsTable.add(connection, insertMissing(connection, rows));
                IdentitiesTable.insert(connection, links);
            }, false);
        }
    }

    /**
     * Merges the session parts appended since the last time; a failure is left for the next time (the batch is
     * stored, and unmerged parts only cost the queries a little).
     */
    private void compact(DuckDBConnection connection) {
        lastCompaction = System.nanoTime();
        try {
            inTransaction(connection, () -> SessionPartsTable.compact(connection), false);
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "merging the session parts failed, to be tried again: {0}", e.getMessage());
        }
    }

    /** {@link #compact} now, under the write lock (tests, benchmarks). */
    void compactSessionParts() throws SQLException {
        database.write(connection -> {
            ensureTemporaryTables((DuckDBConnection) connection);
            inTransaction((DuckDBConnection) connection, () -> SessionPartsTable.compact((DuckDBConnection) connection), false);
            return null;
        });
    }

    /** A step of a write that throws what DuckDB throws. */
    interface SqlStep {
        void run() throws SQLException;
    }

    /**
     * Runs {@code step} in a transaction and commits it; on a failure the transaction is rolled back and,
     * when {@code keyConflictIsAnswer}, a primary-key conflict is answered with false instead of thrown.
     */
    static boolean inTransaction(DuckDBConnection connection, SqlStep step, boolean keyConflictIsAnswer) throws SQLException {
        connection.setAutoCommit(false);
        try {
            // The driver begins the transaction at the first statement after setAutoCommit(false); an appender
            // flushed before any statement commits its rows on its own, apart from the rest of the write.
            try (Statement begin = connection.createStatement()) {
                begin.execute("SELECT 1");
            }
            step.run();
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            if (keyConflictIsAnswer && isKeyConflict(e)) {
                return false;
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Creates them outside any write's transaction, so that a rolled-back write does not take them with it. */
    private void ensureTemporaryTables(DuckDBConnection connection) throws SQLException {
        if (!temporaryTablesCreated) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(EventsTable.createStaging(STAGING));
                statement.execute(SessionPartsTable.createMergedTable());
            }
            temporaryTablesCreated = true;
        }
    }

    /** Stores those of {@code rows} not stored yet; returns them. */
    private List<EnrichedEvent> insertMissing(DuckDBConnection connection, Collection<EnrichedEvent> rows) throws SQLException {
        Set<EventKey> inserted = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + STAGING);
            append(connection.createAppender("temp", "main", STAGING), rows);
            try (ResultSet keys = statement.executeQuery(INSERT_FROM_STAGING)) {
                while (keys.next()) {
                    inserted.add(new EventKey(keys.getString(1), keys.getString(2)));
                }
            }
            statement.execute("DELETE FROM " + STAGING);
        }
        return rows.stream().filter(row -> inserted.contains(EventKey.of(row))).toList();
    }

    private static void append(DuckDBAppender opened, Collection<EnrichedEvent> rows) throws SQLException {
        try (DuckDBAppender appender = opened) {
            for (EnrichedEvent row : rows) {
                EventsTable.append(appender, row);
            }
            // flushed here, not by close(): the driver's close() does not report a failed flush (a duplicate key)
            appender.flush();
        }
    }

    /** How DuckDB's appender words a duplicate primary key. */
    private static boolean isKeyConflict(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("violates primary key constraint")) {
                return true;
            }
        }
        return false;
    }

    private record EventKey(String source, String messageId) {
        static EventKey of(EnrichedEvent row) {
            return new EventKey(row.event().source(), row.event().messageId());
        }
    }

    /**
     * The batch without repeated events, the first copy kept as against rows already stored. Done here
     * because a window function over the staged rows costs more than the insert itself.
     */
    private static Collection<EnrichedEvent> firstCopies(List<EnrichedEvent> batch) {
        Map<EventKey, EnrichedEvent> first = new LinkedHashMap<>(batch.size() * 2);
        for (EnrichedEvent row : batch) {
            first.putIfAbsent(EventKey.of(row), row);
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

    /**
     * The identity map expires like the events: a link goes with the identify or alias event that made it. The
     * session parts go with their events. In steps of about {@link #EVENTS_PER_RETENTION_STEP} events, whole hours,
     * each its own transaction, so that the processor's writes go in between.
     */
    @Override
    public void deleteOlderThan(Instant cutoff) {
        deleteOlderThan(cutoff, EVENTS_PER_RETENTION_STEP);
    }

    /** {@link #deleteOlderThan(Instant)} in steps of about {@code eventsPerStep} events (at least an hour's). */
    void deleteOlderThan(Instant cutoff, long eventsPerStep) {
        try {
            List<Instant> steps = retentionSteps(cutoff, eventsPerStep);
            for (Instant step : steps) {
                deleteOlderThanAtOnce(step);
            }
            if (steps.size() > 1) {
                LOG.log(System.Logger.Level.INFO, "retention: deleted the events before {0} in {1} steps", cutoff, steps.size());
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not apply retention: " + e.getMessage(), e);
        }
    }

    /**
     * The cutoffs of the steps, ending with {@code cutoff}: after each run of whole hours that holds {@code eventsPerStep}
     * events or more before it.
     */
    private List<Instant> retentionSteps(Instant cutoff, long eventsPerStep) throws SQLException {
        Sql hours = new Sql().add("SELECT epoch_us(date_trunc('hour', \"timestamp\")) AS hour, count(*) FROM " + EventsTable.NAME
                + " WHERE \"timestamp\" < make_timestamp(?) GROUP BY hour ORDER BY hour", DuckDbDialect.micros(cutoff));
        List<Instant> steps = new ArrayList<>();
        database.read(connection -> {
            try (PreparedStatement statement = hours.prepare(connection); ResultSet rows = statement.executeQuery()) {
                long events = 0;
                while (rows.next()) {
                    events += rows.getLong(2);
                    Instant hourEnd = Instant.EPOCH.plus(rows.getLong(1), ChronoUnit.MICROS).plus(Duration.ofHours(1));
                    if (events >= eventsPerStep && hourEnd.isBefore(cutoff)) {
                        steps.add(hourEnd);
                        events = 0;
                    }
                }
            }
            return null;
        });
        steps.add(cutoff);
        return steps;
    }

    private void deleteOlderThanAtOnce(Instant cutoff) throws SQLException {
        Sql events = new Sql().add("DELETE FROM " + EventsTable.NAME + " WHERE \"timestamp\" < make_timestamp(?)",
                DuckDbDialect.micros(cutoff));
        Sql links = new Sql().add("DELETE FROM " + IdentitiesTable.NAME + " WHERE linked_at < make_timestamp(?)",
                DuckDbDialect.micros(cutoff));
        List<Sql> statements = new ArrayList<>(List.of(events, links));
        statements.addAll(SessionPartsTable.afterRetention(cutoff));
        database.write(connection -> {
            executeInTransaction(connection, statements.toArray(Sql[]::new));
            return null;
        });
    }

    /**
     * The subject's events (also those of the ids linked to its userId: the anonymous events before a sign-in
     * belong to the person), their session parts and every link naming one of its ids, in one transaction.
     */
    @Override
    public long erase(Subject subject) {
        Sql subjectEvents = IdentitiesTable.subjectEvents(subject.userId(), subject.anonymousId(), subject.source());
        Sql events = new Sql().add("DELETE FROM " + EventsTable.NAME + " WHERE ").add(subjectEvents);
        // before the links, which the condition reads
        Sql marks = SessionPartsTable.markBeforeDeleting(subjectEvents);
        Sql parts = SessionPartsTable.delete(subjectEvents);
        Sql links = new Sql().add("DELETE FROM " + IdentitiesTable.NAME + " WHERE ")
                .add(IdentitiesTable.subjectLinks(subject.userId(), subject.anonymousId(), subject.source()));
        try {
            return database.write(connection -> executeInTransaction(connection, events, marks, parts, links)[0]);
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not erase a subject's events: " + e.getMessage(), e);
        }
    }

    /** Runs the statements in order in one transaction; returns the rows each changed. */
    private static long[] executeInTransaction(Connection connection, Sql... statements) throws SQLException {
        long[] changed = new long[statements.length];
        inTransaction((DuckDBConnection) connection, () -> {
            for (int i = 0; i < statements.length; i++) {
                try (PreparedStatement statement = statements[i].prepare(connection)) {
                    changed[i] = statement.executeUpdate();
                }
            }
        }, false);
        return changed;
    }

    @Override
    public boolean isReady() {
        return database.isOpen();
    }
}
