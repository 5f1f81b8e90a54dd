package app.tax.analytics.bootstrap.config;

import app.tax.analytics.adapters.clickhouse.ClickHouseSettings;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The ClickHouse server. */
public final class ClickHouseOptions {
    @Option(names = "--clickhouse-host", paramLabel = "HOST", defaultValue = "${env:CLICKHOUSE_HOST}",
            description = "CLICKHOUSE_HOST: ClickHouse server host (HTTP interface).")
    String host;

    @Option(names = "--clickhouse-port", paramLabel = "PORT", defaultValue = "${env:CLICKHOUSE_PORT}",
            description = "CLICKHOUSE_PORT: its HTTP port. Default 8123.")
    String port;

    @Option(names = "--clickhouse-database", paramLabel = "DB", defaultValue = "${env:CLICKHOUSE_DATABASE}",
            description = "CLICKHOUSE_DATABASE: Default analytics.")
    String database;

    @Option(names = "--clickhouse-user", paramLabel = "USER", defaultValue = "${env:CLICKHOUSE_USER}",
            description = "CLICKHOUSE_USER: Default 'default'.")
    String user;

    @Option(names = "--clickhouse-password", paramLabel = "PASSWORD", defaultValue = "${env:CLICKHOUSE_PASSWORD}", showDefaultValue = Visibility.NEVER,
            description = "CLICKHOUSE_PASSWORD: Default empty.")
    String password;

    @Option(names = "--clickhouse-options", paramLabel = "PARAMS", defaultValue = "${env:CLICKHOUSE_OPTIONS}",
            description = "CLICKHOUSE_OPTIONS: extra driver URL parameters, e.g. compress=false&socket_timeout=30000.")
    String options;

    @Option(names = "--clickhouse-cluster", paramLabel = "NAME", defaultValue = "${env:CLICKHOUSE_CLUSTER}",
            description = "CLICKHOUSE_CLUSTER: the cluster of the replicated layout (migrate --cluster); erase and retention then"
                    + " change each shard's tables ON CLUSTER. Default none (one server).")
    String cluster;

    public boolean isConfigured() {
        return Values.isSet(host);
    }

    public ClickHouseSettings settings() {
        String checkedHost = Values.required("CLICKHOUSE_HOST", host, "for this role");
        if (checkedHost.contains("/") || checkedHost.contains(":") && !checkedHost.startsWith("[")) {
            throw new ConfigurationException("CLICKHOUSE_HOST must be a host name only (put the port in CLICKHOUSE_PORT), got '" + checkedHost + "'");
        }
        return new ClickHouseSettings(checkedHost, Values.port("CLICKHOUSE_PORT", port, 8123),
                Values.text(database, "analytics"), Values.text(user, "default"),
                password == null ? "" : password, Values.text(options, ""), cluster);
    }
}
