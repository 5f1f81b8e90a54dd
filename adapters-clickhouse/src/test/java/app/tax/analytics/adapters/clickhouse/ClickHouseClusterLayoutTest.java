package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster layout of sql/cluster/ checked by the ClickHouse engine available here (chDB, one process): every
 * statement must pass its parser ({@code formatQuery}) once {@code migrate --cluster} filled in the names. What
 * needs several nodes and Keeper (ON CLUSTER execution, Replicated* engines, Distributed inserts) is not run.
 */
class ClickHouseClusterLayoutTest {
    private static final Map<String, String> NAMES = Map.of(ClickHouseMigrations.CLUSTER, "analytics_prod",
            ClickHouseMigrations.DATABASE, "analytics", ClickHouseMigrations.RETENTION_DAYS, "395");

    @Test
    void everyClusterStatementParsesWithTheNamesFilledIn() throws SQLException {
        List<String> statements = new ArrayList<>();
        for (String file : SqlScripts.list("cluster")) {
            String script = ClickHouseMigrations.clusterScript("cluster/" + file, NAMES);
            assertThat(SqlScripts.placeholders(script)).as(file + " has every placeholder filled").isEmpty();
            statements.addAll(SqlScripts.statements(script));
        }
        assertThat(statements).hasSizeGreaterThanOrEqualTo(17);
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("cluster_layout");
        try (ClickHouseClient client = new ClickHouseClient(settings, "system")) {
            for (String statement : statements) {
                String formatted = client.query(new BoundSql().add("SELECT formatQuery(").text(statement).add(")"),
                        rows -> rows.next() ? rows.getString(1) : "");
                assertThat(formatted).as(statement).isNotBlank();
                if (!statement.startsWith("INSERT")) {
                    assertThat(formatted).as("runs on every node").contains("ON CLUSTER analytics_prod");
                }
            }
        }
        assertThat(String.join("\n", statements))
                .contains("ENGINE = Distributed(analytics_prod, analytics, events_local, cityHash64(source, message_id))")
                .contains("'/clickhouse/tables/{shard}/analytics/events_local', '{replica}'");
    }

    @Test
    void aClusterNameThatIsNotAnIdentifierIsRefusedBeforeAnythingRuns() {
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("cluster_name");
        assertThatThrownBy(() -> ClickHouseMigrations.migrateCluster(settings, "prod; DROP DATABASE x", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cluster");
    }

    /** Erase and retention on the cluster layout: Distributed tables take no mutation, each shard's local table does. */
    @Test
    void mutationsOfTheShardedTablesGoToEachShardsLocalTableOnTheCluster() throws SQLException {
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("cluster_mutations");
        try (ClickHouseClient client = new ClickHouseClient(settings, "system")) {
            for (String table : List.of("events", "sessions")) {
                String statement = "ALTER TABLE " + ClickHouseEventStore.mutated(table, "analytics_prod") + " DELETE WHERE source = 'web'";
                String formatted = client.query(new BoundSql().add("SELECT formatQuery(").text(statement).add(")"),
                        rows -> rows.next() ? rows.getString(1) : "");
                assertThat(formatted).contains(table + "_local ON CLUSTER analytics_prod").contains("DELETE WHERE");
            }
        }
        assertThat(ClickHouseEventStore.mutated("events", null)).isEqualTo("events");
        assertThat(new ClickHouseSettings("h", 8123, "analytics", null, null, null, "analytics_prod").cluster()).isEqualTo("analytics_prod");
        assertThatThrownBy(() -> new ClickHouseSettings("h", 8123, "analytics", null, null, null, "bad name;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster");
    }
}
