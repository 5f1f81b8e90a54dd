package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's memory limit and threads are applied, and a query over the limit fails as "store unavailable", not the process. */
class DuckDbLimitsTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final StatsQuery THAT_DAY = new StatsQuery("web", AT.minusSeconds(36_000), AT.plusSeconds(36_000), ZoneOffset.UTC, List.of());

    /** Each with a session of its own: the overview's grouping by session needs memory for all of them. */
    private static final int VISITORS = 40_000;

    @TempDir
    Path dataDir;

    @Test
    void theLimitsAreDuckDbsSettings() throws Exception {
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir, new DuckDbLimits("300MB", 1))) {
            String settings = database.read(connection -> {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT current_setting('memory_limit'), current_setting('threads')")) {
                    row.next();
                    return row.getString(1) + " / " + row.getLong(2);
                }
            });
            // DuckDB shows the limit in binary units
            assertThat(settings).isEqualTo("286.1 MiB / 1");
        }
    }

    @Test
    void aQueryThatNeedsMoreMemoryThanTheLimitFailsAsStoreUnavailableAndTheStoreStaysUsable() {
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir)) {
            for (int batch = 0; batch < VISITORS / 5_000; batch++) {
                List<EnrichedEvent> rows = new ArrayList<>();
                for (int i = batch * 5_000; i < (batch + 1) * 5_000; i++) {
                    rows.add(TestEvents.enrichedPage("m-" + i, "v-" + i, AT.plusMillis(i)));
                }
                database.events().write(rows, "t-" + batch);
            }
        }
        try (DuckDbDatabase starved = DuckDbDatabase.open(dataDir, new DuckDbLimits("2MB", 1))) {
            assertThatThrownBy(() -> starved.stats().overview(THAT_DAY))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Out of Memory");
        }
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir)) {
            assertThat(database.stats().overview(THAT_DAY).get(Metric.EVENTS).longValue()).isEqualTo(VISITORS);
        }
    }

    @Test
    void aLimitThatIsNotASizeIsRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> new DuckDbLimits("lots", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512MB, 2GB or 1GiB").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> new DuckDbLimits("1GB", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be from 1 to 256");
    }
}
