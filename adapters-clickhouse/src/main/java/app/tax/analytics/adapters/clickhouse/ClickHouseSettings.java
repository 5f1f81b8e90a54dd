package app.tax.analytics.adapters.clickhouse;

import java.util.Objects;

/**
 * Where the ClickHouse server is and how to log in (the seed's {@code CLICKHOUSE_*} variables).
 *
 * @param host     host name of the HTTP interface
 * @param port     its port (8123 by default on a server)
 * @param database the database holding the tables ({@code analytics})
 * @param options  {@code CLICKHOUSE_OPTIONS}: extra driver URL parameters such as {@code compress=false},
 *                 without a leading {@code ?}; empty for none
 * @param cluster  {@code CLICKHOUSE_CLUSTER}: the cluster of the replicated layout ({@code migrate --cluster}), whose
 *                 sharded tables are changed through their {@code <name>_local} tables {@code ON CLUSTER}; null on one server
 */
public record ClickHouseSettings(String host, int port, String database, String user, String password, String options,
                                 String cluster) {
    public ClickHouseSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database must be a plain identifier (letters, digits, _)");
        }
        user = Objects.requireNonNullElse(user, "default");
        password = Objects.requireNonNullElse(password, "");
        options = options == null ? "" : options.strip();
        if (options.startsWith("?") || options.startsWith("&")) {
            options = options.substring(1);
        }
        cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
        if (cluster != null && !cluster.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("cluster must be a plain identifier (letters, digits, _)");
        }
    }

    /** One server (no cluster layout). */
    public ClickHouseSettings(String host, int port, String database, String user, String password, String options) {
        this(host, port, database, user, password, options, null);
    }

    /** The driver URL for the configured database; no credentials in it (they go as properties). */
    String jdbcUrl() {
        return jdbcUrl(database);
    }

    /** The driver URL for another database on the same server (migrate creates the configured one). */
    String jdbcUrl(String databaseName) {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:clickhouse:http://" + hostPart + ":" + port + "/" + databaseName + (options.isEmpty() ? "" : "?" + options);
    }

    /** Never shows the password: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "ClickHouseSettings[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "****") + ", options=" + options + (cluster == null ? "" : ", cluster=" + cluster) + "]";
    }
}
