/**
 * ClickHouse adapters: the event store, the dashboard queries, dashboard accounts and migrations.
 *
 * <p>The driver (clickhouse-jdbc 0.10.0) is used only through {@code java.sql} and found with
 * {@link java.util.ServiceLoader}, not required by module name: its jars cannot form modules. Both
 * {@code clickhouse-jdbc} and {@code jdbc-v2} declare the module {@code com.clickhouse.jdbc} with the
 * package {@code com.clickhouse.jdbc}; {@code jdbc-v2} also carries the package {@code com.clickhouse.data}
 * that the module {@code com.clickhouse.data} exports (the boot layer refuses that split), and its
 * descriptor does not read {@code client-v2}, which its classes use. So the driver runs on the class path
 * (the one jar, or next to this module on a module path) and this module stays loadable either way.
 */
module app.tax.analytics.adapters.clickhouse {
    requires app.tax.analytics.application;
    requires app.tax.analytics.querymodel;
    requires java.sql;
    requires com.fasterxml.jackson.databind;

    uses java.sql.Driver;

    exports app.tax.analytics.adapters.clickhouse;
}
