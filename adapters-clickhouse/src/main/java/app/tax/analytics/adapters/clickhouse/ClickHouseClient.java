package app.tax.analytics.adapters.clickhouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The clickhouse-jdbc (v2 driver) connection to one database, with the two things plain JDBC lacks:
 * server-side query parameters and per-statement settings such as {@code insert_deduplication_token}.
 *
 * <p>The driver's {@code PreparedStatement} substitutes {@code ?} values into the SQL text on the client.
 * Server-side parameters are sent instead as per-statement server settings {@code param_<name>}, which
 * the driver puts on the HTTP request's URL, the ClickHouse HTTP interface's way of passing query
 * parameters: the server parses each value as its declared type. The driver exposes per-statement
 * settings only on its own statement class ({@code getLocalSettings().serverSetting(name, value)}), which
 * is reached by reflection so this module needs no compile-time or module dependency on the driver.
 *
 * <p>The connection is HTTP underneath: one shared, thread-safe connection serves every caller, each
 * call on its own statement, and it recovers by itself when the server comes back.
 */
final class ClickHouseClient implements AutoCloseable {
    private static final String V2_DRIVER = "com.clickhouse.jdbc.Driver";

    /** Reads a result; may throw SQLException like any JDBC access. */
    @FunctionalInterface
    interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Sets the values of one row of a batch insert. */
    @FunctionalInterface
    interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** At most one log line per this interval while the server keeps failing. */
    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(30);

    private final Connection connection;
    private final FailureLog failures;

    ClickHouseClient(ClickHouseSettings settings, String database) {
        this.failures = new FailureLog(settings.host() + ":" + settings.port(), FAILURE_LOG_INTERVAL, System::nanoTime,
                System.getLogger(ClickHouseClient.class.getName()));
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        try {
            // The driver connects lazily (HTTP): this succeeds while the server is down.
            this.connection = v2Driver().connect(settings.jdbcUrl(database), properties);
        } catch (SQLException e) {
            throw new IllegalStateException("clickhouse-jdbc refused the settings " + settings + ": " + e.getMessage(), e);
        }
    }

    /** The v2 driver; the legacy jar registers a second driver for the same URLs, so none is left to chance. */
    private static Driver v2Driver() {
        for (Driver driver : ServiceLoader.load(Driver.class, ClickHouseClient.class.getClassLoader())) {
            if (driver.getClass().getName().equals(V2_DRIVER)) {
                return driver;
            }
        }
        throw new IllegalStateException(V2_DRIVER + " (clickhouse-jdbc 0.10) is not on the class path");
    }

    <T> T query(BoundSql sql, RowsReader<T> reader) throws SQLException {
        try (Statement statement = statement(sql.parameters(), Map.of());
             ResultSet rows = statement.executeQuery(sql.sql())) {
            T result = reader.read(rows);
            failures.succeeded();
            return result;
        } catch (SQLException e) {
            throw failed("a query", e);
        }
    }

    void execute(BoundSql sql) throws SQLException {
        execute(sql, Map.of());
    }

    void execute(BoundSql sql, Map<String, String> settings) throws SQLException {
        try (Statement statement = statement(sql.parameters(), settings)) {
            statement.execute(sql.sql());
            failures.succeeded();
        } catch (SQLException e) {
            throw failed("a statement", e);
        }
    }

    void execute(String sql) throws SQLException {
        execute(new BoundSql().add(sql));
    }

    /** One INSERT of all rows: the server sees one insert block, which its deduplication token names. */
    <T> void insert(String insertSql, List<T> rows, RowBinder<T> binder, Map<String, String> settings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
            applySettings(statement, settings);
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            failures.succeeded();
        } catch (SQLException e) {
            throw failed("an insert of " + rows.size() + " rows", e);
        }
    }

    boolean isReachable() {
        try {
            boolean valid = connection.isValid(3);
            if (valid) {
                failures.succeeded();
            } else {
                failures.failed("the health check", new SQLException("no answer within 3 s"));
            }
            return valid;
        } catch (SQLException e) {
            failures.failed("the health check", e);
            return false;
        }
    }

    /**
     * Logs the failure (rate-limited) and returns it with its root cause in the message: the driver's own
     * message ("Query request failed (attempt: 4 ...)") does not say what went wrong.
     */
    private SQLException failed(String operation, SQLException e) {
        failures.failed(operation, e);
        String cause = FailureLog.rootCause(e);
        if (e.getMessage() != null && e.getMessage().contains(cause)) {
            return e;
        }
        return new SQLException(e.getMessage() + ": " + cause, e.getSQLState(), e.getErrorCode(), e);
    }

    private Statement statement(Map<String, String> parameters, Map<String, String> settings) throws SQLException {
        Statement statement = connection.createStatement();
        try {
            // {name:Type} must reach the server untouched, not be read as a JDBC escape like {fn ...}.
            statement.setEscapeProcessing(false);
            applySettings(statement, settings);
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                serverSetting(statement, "param_" + parameter.getKey(), escaped(parameter.getValue()));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void applySettings(Statement statement, Map<String, String> settings) throws SQLException {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            serverSetting(statement, setting.getKey(), setting.getValue());
        }
    }

    /** The server reads a parameter value in its "escaped" text format (as in TabSeparated). */
    static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void serverSetting(Statement statement, String name, String value) throws SQLException {
        try {
            Method localSettings = statement.getClass().getMethod("getLocalSettings");
            Object settings = localSettings.invoke(statement);
            Method serverSetting = settings.getClass().getMethod("serverSetting", String.class, String.class);
            serverSetting.invoke(settings, name, value);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new SQLException("this clickhouse-jdbc has no per-statement server settings (needs 0.10's v2 driver)", e);
        } catch (InvocationTargetException e) {
            throw new SQLException("clickhouse-jdbc rejected the setting " + name + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing releases pooled HTTP connections; nothing is lost when that fails.
            System.getLogger(ClickHouseClient.class.getName()).log(System.Logger.Level.DEBUG, "closing the ClickHouse connection failed", e);
        }
    }
}
