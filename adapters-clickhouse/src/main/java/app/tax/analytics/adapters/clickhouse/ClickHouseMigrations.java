package app.tax.analytics.adapters.clickhouse;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code analytics migrate}: applies sql/migrations/V*.sql in order to the configured database (created
 * when missing), each file once, recorded in {@code schema_migrations}; then the retention TTL of
 * {@code RETENTION_DAYS} (sql/retention.sql) and, where the server has access control and
 * {@code ANALYTICS_WRITER_PASSWORD} / {@code ANALYTICS_READER_PASSWORD} are set, the database users of
 * sql/grants.sql. Every statement is idempotent, so a migration interrupted half-way is simply applied
 * again by the next run.
 */
public final class ClickHouseMigrations {
    private static final System.Logger LOG = System.getLogger(ClickHouseMigrations.class.getName());
    static final String RETENTION_DAYS = "RETENTION_DAYS";
    static final String WRITER_PASSWORD = "ANALYTICS_WRITER_PASSWORD";
    static final String READER_PASSWORD = "ANALYTICS_READER_PASSWORD";
    static final String CLUSTER = "CLUSTER";
    static final String DATABASE = "DATABASE";
    static final String CLUSTER_BASELINE = "cluster/init-cluster.sql";
    static final String CLUSTER_RETENTION = "cluster/retention-cluster.sql";
    private static final java.util.regex.Pattern CLUSTER_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** ClickHouse's ACCESS_DENIED: the user may not manage users (no access_management, or chDB). */
    private static final int ACCESS_DENIED = 497;

    /** The record: the newest row per version says whether it is applied (rollback appends applied = 0). */
    private static final String RECORD_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations"
            + " (version String, name String, applied UInt8, recorded_at DateTime64(6, 'UTC'))"
            + " ENGINE = ReplacingMergeTree(recorded_at) ORDER BY version";

    private ClickHouseMigrations() {
    }

    /** Applies the migrations not applied yet; returns their file names, oldest first. */
    public static List<String> migrate(ClickHouseSettings settings) {
        return migrate(settings, System.getenv());
    }

    /**
     * {@link #migrate(ClickHouseSettings)} with the retention given explicitly (the {@code --retention-days}
     * option) instead of read from {@code RETENTION_DAYS}; 0 keeps events forever.
     */
    public static List<String> migrate(ClickHouseSettings settings, int retentionDays) {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put(RETENTION_DAYS, Integer.toString(retentionDays));
        return migrate(settings, environment);
    }

    /** Undoes the newest {@code steps} applied migrations with sql/rollback/; returns their names, newest first. */
    public static List<String> rollback(ClickHouseSettings settings, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1");
        }
        Objects.requireNonNull(settings, "settings");
        if (!recordExists(settings)) {
            return List.of();
        }
        try (ClickHouseClient client = new ClickHouseClient(settings, settings.database())) {
            List<String> newestFirst = new ArrayList<>(applied(client));
            Collections.reverse(newestFirst);
            List<String> undo = newestFirst.subList(0, Math.min(steps, newestFirst.size()));
            Set<String> available = new HashSet<>(SqlScripts.list("rollback"));
            for (String name : undo) {
                if (!available.contains(name)) {
                    throw new IllegalStateException("sql/rollback/" + name + " is missing; nothing was rolled back");
                }
            }
            List<String> done = new ArrayList<>();
            for (String name : undo) {
                run(client, "rollback/" + name, SqlScripts.read("rollback/" + name));
                record(client, name, false);
                LOG.log(Level.INFO, "rolled back {0}", name);
                done.add(name);
            }
            return done;
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    /** The applied migrations' file names, oldest first (empty when the database was never migrated). */
    public static List<String> status(ClickHouseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!recordExists(settings)) {
            return List.of();
        }
        try (ClickHouseClient client = new ClickHouseClient(settings, settings.database())) {
            return applied(client);
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    /** {@link #migrate(ClickHouseSettings)} with the environment given (tests pass their own). */
    static List<String> migrate(ClickHouseSettings settings, Map<String, String> environment) {
        Objects.requireNonNull(settings, "settings");
        createDatabase(settings);
        try (ClickHouseClient client = new ClickHouseClient(settings, settings.database())) {
            client.execute(RECORD_TABLE);
            Set<String> done = new HashSet<>(applied(client));
            List<String> newlyApplied = new ArrayList<>();
            for (String name : SqlScripts.list("migrations")) {
                if (!done.contains(name)) {
                    run(client, "migrations/" + name, SqlScripts.read("migrations/" + name));
                    record(client, name, true);
                    LOG.log(Level.INFO, "applied {0}", name);
                    newlyApplied.add(name);
                }
            }
            applyRetention(client, retentionDays(environment));
            applyGrants(client, environment);
            return newlyApplied;
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    /**
     * {@code analytics migrate --cluster NAME}: the replicated layout of sql/cluster/ on every node of cluster
     * {@code NAME} (ON CLUSTER): sql/cluster/init-cluster.sql when the database has no migration record yet (it
     * stands for V001..V003), then each newer migration from its cluster variant sql/cluster/&lt;same name&gt;,
     * refusing a migration that has none; then the retention TTL (sql/cluster/retention-cluster.sql). Database
     * users are not managed here: they are per node unless the servers replicate access storage.
     *
     * @return the scripts applied, in order
     */
    public static List<String> migrateCluster(ClickHouseSettings settings, String cluster, int retentionDays) {
        Objects.requireNonNull(settings, "settings");
        if (cluster == null || !CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("--cluster must name a cluster of remote_servers (letters, digits, _), got '"
                    + cluster + "'");
        }
        Map<String, String> names = Map.of(CLUSTER, cluster, DATABASE, settings.database(),
                RETENTION_DAYS, Integer.toString(retentionDays));
        List<String> applied = new ArrayList<>();
        try (ClickHouseClient client = new ClickHouseClient(settings, "system")) {
            if (!recordExists(settings)) {
                run(client, CLUSTER_BASELINE, clusterScript(CLUSTER_BASELINE, names));
                applied.add(CLUSTER_BASELINE);
                LOG.log(Level.INFO, "applied {0} on cluster {1}", CLUSTER_BASELINE, cluster);
            }
        } catch (SQLException e) {
            throw failure(settings, e);
        }
        try (ClickHouseClient client = new ClickHouseClient(settings, settings.database())) {
            Set<String> done = new HashSet<>(applied(client));
            Set<String> variants = new HashSet<>(SqlScripts.list("cluster"));
            List<String> pending = SqlScripts.list("migrations").stream().filter(name -> !done.contains(name)).toList();
            List<String> withoutVariant = pending.stream().filter(name -> !variants.contains(name)).toList();
            if (!withoutVariant.isEmpty()) {
                throw new IllegalStateException("sql/migrations " + withoutVariant + " have no cluster variant in sql/cluster/;"
                        + " nothing newer was applied (write the ON CLUSTER / Replicated* form with the same file name)");
            }
            for (String name : pending) {
                run(client, "cluster/" + name, clusterScript("cluster/" + name, names));
                record(client, name, true);
                LOG.log(Level.INFO, "applied {0} on cluster {1}", "cluster/" + name, cluster);
                applied.add("cluster/" + name);
            }
            String ttl = "toIntervalDay(" + retentionDays + ")";
            if (retentionDays > 0 && !(engineOf(client, "events_local").contains(ttl) && engineOf(client, "identities").contains(ttl))) {
                run(client, CLUSTER_RETENTION, clusterScript(CLUSTER_RETENTION, names));
                LOG.log(Level.INFO, "retention TTL set to {0} days on cluster {1}", retentionDays, cluster);
            }
            return applied;
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    /** A script of sql/cluster/ with the cluster, database and retention filled in (checked identifiers and a number). */
    static String clusterScript(String file, Map<String, String> names) {
        return SqlScripts.substitute(SqlScripts.read(file), names, value -> value);
    }

    private static void createDatabase(ClickHouseSettings settings) {
        // The system database exists on every server; the configured one may not yet.
        try (ClickHouseClient admin = new ClickHouseClient(settings, "system")) {
            boolean exists = admin.query(new BoundSql().add("SELECT count() FROM system.databases WHERE name = ")
                    .text(settings.database()), rows -> rows.next() && rows.getLong(1) > 0);
            if (!exists) {
                // The name is a checked identifier (ClickHouseSettings), so it may be part of the DDL.
                admin.execute("CREATE DATABASE IF NOT EXISTS " + settings.database());
            }
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    private static boolean recordExists(ClickHouseSettings settings) {
        try (ClickHouseClient admin = new ClickHouseClient(settings, "system")) {
            return admin.query(new BoundSql().add("SELECT count() FROM system.tables WHERE database = ")
                    .text(settings.database()).add(" AND name = 'schema_migrations'"), rows -> rows.next() && rows.getLong(1) > 0);
        } catch (SQLException e) {
            throw failure(settings, e);
        }
    }

    private static List<String> applied(ClickHouseClient client) throws SQLException {
        return client.query(new BoundSql().add("SELECT argMax(name, recorded_at) AS current_name,"
                + " argMax(applied, recorded_at) AS is_applied FROM schema_migrations"
                + " GROUP BY version HAVING is_applied = 1 ORDER BY version"), rows -> {
                    List<String> names = new ArrayList<>();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                    return names;
                });
    }

    private static void record(ClickHouseClient client, String name, boolean applied) throws SQLException {
        client.execute(new BoundSql().add("INSERT INTO schema_migrations (version, name, applied, recorded_at) SELECT ")
                .text(version(name)).add(", ").text(name).add(", ").integer("UInt8", applied ? 1 : 0).add(", now64(6)"));
    }

    /** {@code V001__create_events.sql} → {@code V001}. */
    static String version(String fileName) {
        int separator = fileName.indexOf("__");
        return separator > 0 ? fileName.substring(0, separator) : fileName;
    }

    private static void run(ClickHouseClient client, String file, String script) throws SQLException {
        List<String> statements = SqlScripts.statements(script);
        for (int i = 0; i < statements.size(); i++) {
            try {
                client.execute(statements.get(i));
            } catch (SQLException e) {
                throw new SQLException("sql/" + file + ", statement " + (i + 1) + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    /** RETENTION_DAYS as a whole number of days; unset or 0 keeps events forever. */
    static int retentionDays(Map<String, String> environment) {
        String text = environment.get(RETENTION_DAYS);
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int days = Integer.parseInt(text.strip());
            if (days < 0 || days > 36_500) {
                throw new NumberFormatException("out of range");
            }
            return days;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RETENTION_DAYS + " must be a whole number of days from 0 to 36500, got '" + text + "'", e);
        }
    }

    /** Sets the TTL of sql/retention.sql, or removes it for 0; skips when the tables already agree. */
    private static void applyRetention(ClickHouseClient client, int days) throws SQLException {
        String events = engineOf(client, "events");
        // the identity map (V007) gets its TTL with the events' (one installed before V007 lacks it)
        String identities = engineOf(client, "identities");
        if (days == 0) {
            if (events.contains(" TTL ")) {
                client.execute("ALTER TABLE events REMOVE TTL");
                client.execute("ALTER TABLE sessions REMOVE TTL");
                LOG.log(Level.INFO, "retention TTL removed (RETENTION_DAYS is 0 or unset)");
            }
            if (identities.contains(" TTL ")) {
                client.execute("ALTER TABLE identities REMOVE TTL");
            }
            return;
        }
        if (events.contains("toIntervalDay(" + days + ")") && identities.contains("toIntervalDay(" + days + ")")) {
            return;
        }
        String script = SqlScripts.substitute(SqlScripts.read("retention.sql"), Map.of(RETENTION_DAYS, Integer.toString(days)), v -> v);
        run(client, "retention.sql", script);
        LOG.log(Level.INFO, "retention TTL set to {0} days", days);
    }

    private static String engineOf(ClickHouseClient client, String table) throws SQLException {
        return client.query(new BoundSql().add("SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = ")
                .text(table), rows -> rows.next() ? rows.getString(1) : "");
    }

    /** The users and grants of sql/grants.sql, where the server allows this user to manage users. */
    private static void applyGrants(ClickHouseClient client, Map<String, String> environment) throws SQLException {
        String script = SqlScripts.read("grants.sql");
        List<String> missing = SqlScripts.placeholders(script).stream()
                .filter(name -> environment.get(name) == null || environment.get(name).isEmpty()).toList();
        if (!missing.isEmpty()) {
            LOG.log(Level.INFO, "database users not managed: set {0} to create analytics_writer and analytics_reader", missing);
            return;
        }
        List<String> statements = SqlScripts.statements(SqlScripts.substitute(script, environment, SqlScripts::quoted));
        for (int i = 0; i < statements.size(); i++) {
            try {
                client.execute(statements.get(i));
            } catch (SQLException e) {
                if (i == 0 && e.getErrorCode() == ACCESS_DENIED) {
                    LOG.log(Level.INFO, "database users not managed: this server or user has no access control ({0})", e.getErrorCode());
                    return;
                }
                // The statement holds a password: report only where it failed and the server's error code.
                throw new SQLException("sql/grants.sql, statement " + (i + 1) + " failed with ClickHouse error " + e.getErrorCode(),
                        e.getSQLState(), e.getErrorCode());
            }
        }
        LOG.log(Level.INFO, "database users analytics_writer and analytics_reader are up to date");
    }

    private static IllegalStateException failure(ClickHouseSettings settings, SQLException e) {
        return new IllegalStateException("ClickHouse at " + settings.host() + ":" + settings.port() + "/" + settings.database()
                + ": " + e.getMessage(), e);
    }
}
