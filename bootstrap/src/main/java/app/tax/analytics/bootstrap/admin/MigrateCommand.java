package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.adapters.clickhouse.ClickHouseMigrations;
import app.tax.analytics.bootstrap.config.ClickHouseOptions;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.Values;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies the ClickHouse schema (sql/) idempotently; applied migrations are recorded in the database.",
                "Users and grants (sql/grants.sql) are applied where the server supports access control and",
                "ANALYTICS_WRITER_PASSWORD and ANALYTICS_READER_PASSWORD are set."})
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    ClickHouseOptions clickhouse;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "${env:RETENTION_DAYS}",
            description = "RETENTION_DAYS: a TTL deletes events older than this; 0 keeps them forever. Default 0.")
    String retentionDays;

    @Option(names = "--rollback", paramLabel = "N", description = "Roll back the newest N migrations instead.")
    Integer rollback;

    @Option(names = "--status", description = "List the applied migrations and change nothing.")
    boolean status;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "${env:CLICKHOUSE_CLUSTER}",
            description = {"CLICKHOUSE_CLUSTER: apply the replicated layout of sql/cluster/ (ON CLUSTER NAME, Replicated*",
                    "tables + Distributed tables) instead; NAME is a cluster of the servers' remote_servers."})
    String cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var settings = clickhouse.settings();
        int retention = Values.integer("RETENTION_DAYS", retentionDays, 0, 0, 36_500);
        var out = spec.commandLine().getOut();
        // --cluster, or the roles' --clickhouse-cluster (both CLICKHOUSE_CLUSTER)
        String clusterName = Values.isSet(cluster) ? cluster.strip() : settings.cluster();
        if (clusterName != null) {
            if (rollback != null) {
                throw new ConfigurationException("--rollback is not available with --cluster: sql/cluster/rollback-cluster.sql "
                        + "removes the whole layout and is applied by hand");
            }
            if (status) {
                print(out, "applied", ClickHouseMigrations.status(settings));
            } else {
                print(out, "applied", ClickHouseMigrations.migrateCluster(settings, clusterName, retention));
            }
        } else if (status) {
            print(out, "applied", ClickHouseMigrations.status(settings));
        } else if (rollback != null) {
            if (rollback < 1) {
                throw new ConfigurationException("--rollback must be at least 1, got " + rollback);
            }
            print(out, "rolled back", ClickHouseMigrations.rollback(settings, rollback));
        } else {
            print(out, "applied", ClickHouseMigrations.migrate(settings, retention));
        }
        return 0;
    }

    private static void print(java.io.PrintWriter out, String verb, List<String> names) {
        if (names.isEmpty()) {
            out.println("nothing " + verb + ("applied".equals(verb) ? ": the schema is up to date" : ""));
        }
        names.forEach(name -> out.println(verb + ": " + name));
        out.flush();
    }
}
