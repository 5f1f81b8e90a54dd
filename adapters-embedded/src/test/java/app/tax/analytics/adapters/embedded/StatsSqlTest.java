package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.adapters.embedded.LocalTimeSql.OffsetPeriod;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How the reader's SQL is built: values apart from the text, zone offsets from java.time. */
class StatsSqlTest {

    @Test
    void offsetsFollowDaylightSavingTimeWithinTheRange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(LocalTimeSql.offsets(newYork, Instant.parse("2024-03-09T05:00:00Z"), Instant.parse("2024-03-12T04:00:00Z")))
                .containsExactly(new OffsetPeriod(Instant.parse("2024-03-09T05:00:00Z"), -5 * 3600),
                        new OffsetPeriod(Instant.parse("2024-03-10T07:00:00Z"), -4 * 3600));
        // a whole year: spring forward and fall back
        assertThat(LocalTimeSql.offsets(newYork, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")))
                .extracting(OffsetPeriod::offsetSeconds).containsExactly(-5 * 3600, -4 * 3600, -5 * 3600);
        assertThat(LocalTimeSql.offsets(ZoneId.of("Africa/Nairobi"), Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")))
                .containsExactly(new OffsetPeriod(Instant.parse("2024-01-01T00:00:00Z"), 3 * 3600));
    }

    @Test
    void bucketsTakeTheOffsetsAsParameters() {
        Sql sql = LocalTimeSql.bucketStart("\"timestamp\"", Interval.DAY, ZoneId.of("America/New_York"),
                Instant.parse("2024-03-09T05:00:00Z"), Instant.parse("2024-03-12T04:00:00Z"));
        assertThat(sql.text()).isEqualTo("date_trunc('day', \"timestamp\" + to_seconds(CAST("
                + "CASE WHEN \"timestamp\" < make_timestamp(?) THEN ? ELSE ? END AS BIGINT)))");
        assertThat(sql.parameters()).containsExactly(1_710_054_000_000_000L, -18_000L, -14_400L);
    }

    @Test
    void filterValuesAndPropertyKeysNeverReachTheText() {
        String hostile = "x') OR 1=1 --";
        StatsQuery query = StatsQuery.parse("web", "2024-03-09", "2024-03-10", "UTC",
                "country==" + hostile + "|;prop:plan!=" + hostile + ";page=~" + hostile + ";entry_page==" + hostile);
        Sql sql = DuckDbStatsReader.filteredEvents(query);

        assertThat(sql.text()).doesNotContain(hostile).doesNotContain("plan");
        assertThat(sql.parameters()).contains(hostile, "/plan");
        assertThat(sql.text().chars().filter(c -> c == '?').count()).isEqualTo(sql.parameters().size());
    }

    @Test
    void everyEventLevelDimensionHasAColumn() {
        assertThat(DuckDbStatsReader.EVENT_COLUMNS.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(DimensionKind.values())
                .filter(k -> k != DimensionKind.PROPERTY && !k.isSessionLevel()).toList());
    }

    @Test
    void fragmentsMustBindEveryPlaceholder() {
        assertThatThrownBy(() -> new Sql().add("source = ?")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sql().add("source = ?", "web", "extra")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Sql().add("a = ? AND b = ?", "x", 1L).parameters()).containsExactly("x", 1L);
    }

    @Test
    void microsecondsKeepSubMillisecondPrecision() {
        assertThat(DuckDbStatsReader.micros(Instant.parse("1970-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002L);
        assertThat(DuckDbStatsReader.micros(Instant.EPOCH)).isZero();
        assertThat(DuckDbStatsReader.micros(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo(-1000L);
    }
}
