package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.testsupport.clickhouse.ClickHouseFixture;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sql/grants.sql on a server with access control: only through Testcontainers (skipped elsewhere, with the reason). */
class ClickHouseGrantsTest {
    private static final String INSERT = "INSERT INTO events (source, message_id, type, visitor_id, session_id, timestamp,"
            + " received_at, is_bot, properties, traits, context) SELECT 'web', 'm1', 'page', 'v', 's', now64(3), now64(3), false, '{}', '{}', '{}'";

    @Test
    void writerMayOnlyInsertAndReaderMayOnlySelect() throws SQLException {
        ClickHouseFixture.shared().assumeAccessControl();
        ClickHouseSettings admin = ClickHouseTestDatabase.settings("grants");
        ClickHouseMigrations.migrate(admin, Map.of(ClickHouseMigrations.WRITER_PASSWORD, "writer-Secret-1",
                ClickHouseMigrations.READER_PASSWORD, "reader-Secret-1"));
        ClickHouseSettings writer = as(admin, "analytics_writer", "writer-Secret-1");
        ClickHouseSettings reader = as(admin, "analytics_reader", "reader-Secret-1");
        try (ClickHouseTestDatabase database = ClickHouseTestDatabase.existing(admin);
             ClickHouseClient asWriter = new ClickHouseClient(writer, writer.database());
             ClickHouseClient asReader = new ClickHouseClient(reader, reader.database())) {
            asWriter.execute(INSERT);
            assertThat(database.count("SELECT count() FROM events")).isEqualTo(1);
            assertThatThrownBy(() -> asWriter.query(new BoundSql().add("SELECT count() FROM events"), rows -> rows.next()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("ACCESS_DENIED");

            long seenByReader = asReader.query(new BoundSql().add("SELECT count() FROM events"), rows -> rows.next() ? rows.getLong(1) : -1L);
            assertThat(seenByReader).isEqualTo(1);
            assertThatThrownBy(() -> asReader.execute(INSERT)).isInstanceOf(SQLException.class).hasMessageContaining("ACCESS_DENIED");
        }
        // Applying the file again (passwords unchanged) is harmless.
        assertThat(ClickHouseMigrations.migrate(admin, Map.of(ClickHouseMigrations.WRITER_PASSWORD, "writer-Secret-1",
                ClickHouseMigrations.READER_PASSWORD, "reader-Secret-1"))).isEmpty();
    }

    private static ClickHouseSettings as(ClickHouseSettings admin, String user, String password) {
        return new ClickHouseSettings(admin.host(), admin.port(), admin.database(), user, password, admin.options());
    }
}
