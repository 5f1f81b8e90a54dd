package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.embedded.LocalTimeSql.OffsetPeriod;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.testsupport.contract.StatsSqlContract;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How the shared stats SQL is written for DuckDB: the contract, plus zone offsets from java.time. */
class StatsSqlTest extends StatsSqlContract {

    @Override
    protected Dialect dialect() {
        return DuckDbDialect.INSTANCE;
    }

    @Override
    protected long placeholders(String text) {
        return text.chars().filter(c -> c == '?').count();
    }

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
        assertThat(sql.render(DuckDbDialect.INSTANCE)).isEqualTo("date_trunc('day', \"timestamp\" + to_seconds(CAST("
                + "CASE WHEN \"timestamp\" < make_timestamp(?) THEN ? ELSE ? END AS BIGINT)))");
        assertThat(sql.parameters()).extracting(Sql.Parameter::value)
                .containsExactly(Instant.parse("2024-03-10T07:00:00Z"), -18_000L, -14_400L);
    }

    @Test
    void microsecondsKeepSubMillisecondPrecision() {
        assertThat(DuckDbDialect.micros(Instant.parse("1970-01-01T00:00:01.000002Z"))).isEqualTo(1_000_002L);
        assertThat(DuckDbDialect.micros(Instant.EPOCH)).isZero();
        assertThat(DuckDbDialect.micros(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo(-1000L);
    }
}
