package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.SqlStatsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB database file and its connections. DuckDB lets many connections of one process share a
 * database with snapshot isolation, but a connection is not thread-safe and concurrent writers may
 * conflict. So: every write runs on one writer connection under a lock, and each reading thread borrows
 * a connection of its own from a pool of duplicates; reads never wait for writes.
 */
final class DuckDbDatabase implements DuckDbStore {
    static final String FILE_NAME = "analytics.duckdb";

    private final Path file;
    private final DuckDBConnection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedDeque<Connection> idleReaders = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private final DuckDbEventStore events;
    private final StatsReader stats;
    private final DuckDbUserStore users;
    private final DuckDbApiKeyStore apiKeys;
    private final DuckDbShareStore shares;
    private final DuckDbAnnotationStore annotations;
    private final DuckDbSavedViewStore savedViews;
    private final DuckDbReportScheduleStore reportSchedules;

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private DuckDbDatabase(Path file, DuckDBConnection writer) {
        this.file = file;
        this.writer = writer;
        this.events = new DuckDbEventStore(this);
        this.stats = new SqlStatsReader("DuckDB", DuckDbDialect.INSTANCE, this::query);
        DuckDbRows rows = new DuckDbRows(this);
        this.users = new DuckDbUserStore(this, rows);
        this.apiKeys = new DuckDbApiKeyStore(rows);
        this.shares = new DuckDbShareStore(rows);
        this.annotations = new DuckDbAnnotationStore(rows);
        this.savedViews = new DuckDbSavedViewStore(rows);
        this.reportSchedules = new DuckDbReportScheduleStore(rows);
    }

    static DuckDbDatabase open(Path dataDir) {
        return open(dataDir, DuckDbLimits.defaults());
    }

    static DuckDbDatabase open(Path dataDir, DuckDbLimits limits) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        DuckDBConnection connection;
        try {
            Properties settings = new Properties();
            settings.setProperty("memory_limit", limits.memoryLimit());
            settings.setProperty("threads", Integer.toString(limits.threads()));
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, settings);
        } catch (SQLException e) {
            // Typically another process holds the file's lock.
            throw new StoreUnavailableException("cannot open the DuckDB database " + file + ": " + e.getMessage(), e);
        }
        DuckDbDatabase database = new DuckDbDatabase(file, connection);
        try {
            database.createSchema();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw new StoreUnavailableException("cannot create the schema in " + file + ": " + e.getMessage(), e);
        }
        return database;
    }

    /** Idempotent: every statement creates only what is missing. */
    private void createSchema() throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(EventsTable.createTable());
            EventsTable.addMissingColumns(statement);
            boolean identitiesExisted;
            try (ResultSet rows = statement.executeQuery(IdentitiesTable.EXISTS)) {
                identitiesExisted = rows.next();
            }
            statement.execute(IdentitiesTable.CREATE_TABLE);
            if (!identitiesExisted) {
                // a file from before the identity map: its stored identify and alias events link as new ones do
                statement.execute(IdentitiesTable.BACKFILL);
            }
            boolean partsExisted;
            try (ResultSet rows = statement.executeQuery(SessionPartsTable.EXISTS)) {
                partsExisted = rows.next();
            }
            boolean flagExisted;
            try (ResultSet rows = statement.executeQuery(SessionPartsTable.HAS_ONLY_PART)) {
                flagExisted = rows.next();
            }
            statement.execute(SessionPartsTable.createTable());
            statement.execute(SessionPartsTable.ADD_ONLY_PART);
            if (partsExisted && !flagExisted) {
                // parts from before the flag: marked once
                statement.execute(SessionPartsTable.MARK_ONLY_PARTS);
            }
            if (!partsExisted) {
                // a file from before the session parts: its stored events get theirs, once (about a second per million)
                System.Logger log = System.getLogger(DuckDbDatabase.class.getName());
                log.log(System.Logger.Level.INFO, "building the session parts of the events stored in {0}", file);
                long started = System.nanoTime();
                statement.execute(SessionPartsTable.backfill());
                statement.execute(SessionPartsTable.MARK_ONLY_PARTS);
                log.log(System.Logger.Level.INFO, "session parts built in {0} ms", (System.nanoTime() - started) / 1_000_000);
            }
            statement.execute(DuckDbUserStore.CREATE_TABLE);
            statement.execute(DuckDbUserStore.ADD_TOKEN_VERSION);
            statement.execute(DuckDbUserStore.ADD_MIN_VISITORS);
            statement.execute(DuckDbApiKeyStore.CREATE_TABLE);
            statement.execute(DuckDbShareStore.CREATE_TABLE);
            statement.execute(SESSIONS_VIEW);
            for (String table : DuckDbBoardTables.CREATE_TABLES) {
                statement.execute(table);
            }
        }
    }

    /**
     * Sessions as the seed's {@code sessions_mv} materializes them in ClickHouse, for ad-hoc SQL; the
     * stats reader groups the filtered events itself, since filters change what a session contains.
     */
    static final String SESSIONS_VIEW = """
            CREATE OR REPLACE VIEW sessions AS
            SELECT source, session_id, any_value(visitor_id) AS visitor_id,
                   min("timestamp") AS started, max("timestamp") AS ended,
                   count(*) FILTER (WHERE type = 'page') AS pageviews,
                   count(*) FILTER (WHERE type = 'track') AS tracks,
                   count(*) AS events
            FROM events
            WHERE NOT is_bot
            GROUP BY source, session_id""";

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public StatsReader stats() {
        return stats;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public ShareStore shares() {
        return shares;
    }

    @Override
    public AnnotationStore annotations() {
        return annotations;
    }

    @Override
    public SavedViewStore savedViews() {
        return savedViews;
    }

    @Override
    public ReportScheduleStore reportSchedules() {
        return reportSchedules;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} on the writer connection, one writer at a time. */
    <T> T write(SqlWork<T> work) throws SQLException {
        writeLock.lock();
        try {
            checkOpen();
            return work.run(writer);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a stats query on a reader connection. */
    Object query(Sql sql, SqlStatsReader.RowsReader<?> reader) throws SQLException {
        return read(connection -> {
            try (PreparedStatement statement = DuckDbDialect.prepare(connection, sql); ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        });
    }

    /** Runs {@code work} on a reader connection that no other thread uses meanwhile. */
    <T> T read(SqlWork<T> work) throws SQLException {
        checkOpen();
        Connection connection = idleReaders.pollFirst();
        if (connection == null) {
            connection = newReader();
        }
        try {
            return work.run(connection);
        } finally {
            if (closed) {
                closeQuietly(connection);
            } else {
                idleReaders.addFirst(connection);
            }
        }
    }

    private Connection newReader() throws SQLException {
        writeLock.lock();
        try {
            // duplicate() shares the open database; it must not race with close().
            checkOpen();
            return writer.duplicate();
        } finally {
            writeLock.unlock();
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the DuckDB store is closed");
        }
    }

    boolean isOpen() {
        return !closed && !writerClosed();
    }

    private boolean writerClosed() {
        try {
            return writer.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Connection idle;
            while ((idle = idleReaders.pollFirst()) != null) {
                closeQuietly(idle);
            }
            // A reader still in use is closed when it is handed back (see read()).
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            System.getLogger(DuckDbDatabase.class.getName()).log(System.Logger.Level.WARNING,
                    "closing a DuckDB connection failed: {0}", e.getMessage());
        }
    }
}
