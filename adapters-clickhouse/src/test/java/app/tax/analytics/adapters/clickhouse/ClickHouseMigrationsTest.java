package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTest {
    private static final List<String> ALL = List.of("V001__create_events.sql", "V002__create_sessions.sql",
            "V003__create_dashboard_users.sql", "V004__dashboard_users_token_version.sql", "V005__create_api_keys_and_shares.sql",
            "V006__mobile_event_columns.sql", "V007__create_identities.sql", "V008__create_dashboard_items.sql");

    @Test
    void migrateIsIdempotentAndRecorded() {
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("migrate");
        assertThat(ClickHouseMigrations.status(settings)).isEmpty();

        assertThat(ClickHouseMigrations.migrate(settings, Map.of())).isEqualTo(ALL);
        assertThat(ClickHouseMigrations.migrate(settings, Map.of())).isEmpty();
        assertThat(ClickHouseMigrations.status(settings)).isEqualTo(ALL);
        try (ClickHouseTestDatabase database = existing(settings)) {
            assertThat(database.count("SELECT count() FROM system.tables WHERE database = currentDatabase()"
                    + " AND name IN ('events', 'sessions', 'sessions_mv', 'dashboard_users', 'schema_migrations',"
                    + " 'annotations', 'saved_views', 'report_schedules', 'identities', 'api_keys', 'dashboard_shares')"))
                    .isEqualTo(11);
        }
    }

    @Test
    void rollbackUndoesTheNewestFirstAndMigrateReappliesThem() {
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("rollback");
        ClickHouseMigrations.migrate(settings, Map.of());
        int last = ALL.size() - 1;

        try (ClickHouseTestDatabase database = existing(settings)) {
            String mobileColumns = "SELECT count() FROM system.columns WHERE database = currentDatabase() AND table = 'events'"
                    + " AND name IN ('screen', 'app_version', 'app_build', 'device_model', 'device_manufacturer', 'network')";
            assertThat(database.count(mobileColumns)).isEqualTo(6);
            assertThat(ClickHouseMigrations.rollback(settings, 1)).containsExactly(ALL.get(last));
            assertThat(ClickHouseMigrations.status(settings)).isEqualTo(ALL.subList(0, last));
            assertThat(ClickHouseMigrations.rollback(settings, last - 1)).containsExactlyElementsOf(reversed(ALL.subList(1, last)));
            assertThat(database.count(mobileColumns)).as("V006 rolled back").isZero();
            assertThat(ClickHouseMigrations.status(settings)).containsExactly(ALL.get(0));
            assertThat(database.count("SELECT count() FROM system.tables WHERE database = currentDatabase()"
                    + " AND name IN ('sessions', 'sessions_mv', 'dashboard_users', 'annotations', 'identities')")).isZero();

            assertThat(ClickHouseMigrations.migrate(settings, Map.of())).containsExactlyElementsOf(ALL.subList(1, ALL.size()));
            assertThat(ClickHouseMigrations.status(settings)).isEqualTo(ALL);
            assertThat(database.count(mobileColumns)).as("V006 applied again").isEqualTo(6);
            assertThat(ClickHouseMigrations.rollback(settings, 10)).containsExactlyElementsOf(reversed(ALL));
            assertThat(ClickHouseMigrations.status(settings)).isEmpty();
            assertThat(database.count("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name != 'schema_migrations'"))
                    .isZero();
        }
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new java.util.ArrayList<>(names);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void retentionDaysSetsAndRemovesTheTtl() {
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("retention");
        ClickHouseMigrations.migrate(settings, Map.of(ClickHouseMigrations.RETENTION_DAYS, "30"));
        try (ClickHouseTestDatabase database = existing(settings)) {
            assertThat(engine(database, "events")).contains("TTL toDateTime(timestamp) + toIntervalDay(30)");
            assertThat(engine(database, "sessions")).contains("TTL day + toIntervalDay(30)");
            assertThat(engine(database, "identities")).contains("TTL toDateTime(linked_at) + toIntervalDay(30)");

            ClickHouseMigrations.migrate(settings, Map.of(ClickHouseMigrations.RETENTION_DAYS, "0"));
            assertThat(engine(database, "events")).doesNotContain(" TTL ");
            assertThat(engine(database, "sessions")).doesNotContain(" TTL ");
            assertThat(engine(database, "identities")).doesNotContain(" TTL ");
        }
        assertThatThrownBy(() -> ClickHouseMigrations.migrate(settings, Map.of(ClickHouseMigrations.RETENTION_DAYS, "a year")))
                .hasMessageContaining("RETENTION_DAYS");
    }

    @Test
    void grantsAreSkippedWithoutPasswordsOrAccessControl() {
        ClickHouseSettings settings = ClickHouseTestDatabase.settings("nogrants");
        Map<String, String> passwords = Map.of(ClickHouseMigrations.WRITER_PASSWORD, "writer-secret",
                ClickHouseMigrations.READER_PASSWORD, "reader-secret");
        ClickHouseTestDatabase.fixtureAssumingNoAccessControl();
        assertThat(ClickHouseMigrations.migrate(settings, passwords)).isEqualTo(ALL);
        assertThat(ClickHouseMigrations.migrate(settings, Map.of())).isEmpty();
        existing(settings).close();
    }

    @Test
    void initDbScriptIsTheMigrationsInOrder() throws IOException {
        Path sql = repositorySql();
        String initDb = Files.readString(sql.resolve("init-db.sql"));
        String body = initDb.substring(initDb.indexOf("USE analytics;") + "USE analytics;".length());
        String migrations;
        try (Stream<Path> files = Files.list(sql.resolve("migrations"))) {
            migrations = files.sorted().map(ClickHouseMigrationsTest::readWithHeader).collect(Collectors.joining());
        }
        assertThat(SqlScripts.statements(body)).isEqualTo(SqlScripts.statements(migrations));
    }

    @Test
    void everyMigrationHasARollback() {
        assertThat(SqlScripts.list("rollback")).isEqualTo(SqlScripts.list("migrations")).isEqualTo(ALL);
    }

    private static String readWithHeader(Path file) {
        try {
            return Files.readString(file) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositorySql() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("sql/init-db.sql"))) {
                return dir.resolve("sql");
            }
        }
        throw new IllegalStateException("no sql/ folder above " + Path.of("").toAbsolutePath());
    }

    private static String engine(ClickHouseTestDatabase database, String table) {
        try {
            return database.client.query(new BoundSql().add("SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = ")
                    .text(table), rows -> rows.next() ? rows.getString(1) : "");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClickHouseTestDatabase existing(ClickHouseSettings settings) {
        return ClickHouseTestDatabase.existing(settings);
    }
}
