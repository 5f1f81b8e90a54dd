package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.StatsSql;
import app.tax.analytics.testsupport.contract.StatsSqlContract;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the shared stats SQL is written for ClickHouse: the contract, plus named, typed server parameters. */
class StatsSqlTest extends StatsSqlContract {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{p\\d+:[^}]+}");

    @Override
    protected Dialect dialect() {
        return ClickHouseDialect.INSTANCE;
    }

    @Override
    protected long placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().count();
    }

    @Test
    void parametersAreNamedInOrderAndSentAsText() {
        StatsQuery query = StatsQuery.parse("web", "2024-03-09", "2024-03-10", "+03:00", "country==KE");
        BoundSql series = BoundSql.of(new StatsSql(dialect()).timeseries(query, Interval.DAY));
        // the identity map's source comes first (p0); a fixed offset has no IANA name: seconds added to UTC
        assertThat(series.sql()).contains("FROM identities WHERE source = {p0:String}", "events FINAL WHERE source = {p1:String}",
                "{p2:DateTime64(3, 'UTC')}", "toStartOfDay(toTimeZone(addSeconds(", "{p11:Int32}");
        // the base events, and the search for copies across midnight (p4-p6), reach an hour past the range
        assertThat(series.parameters()).containsEntry("p0", "web").containsEntry("p1", "web").containsEntry("p2", "2024-03-08 20:00:00.000")
                .containsEntry("p5", "2024-03-08 20:00:00.000").containsEntry("p8", "2024-03-08 21:00:00.000").containsEntry("p10", "KE")
                .containsEntry("p11", "10800");

        BoundSql breakdown = BoundSql.of(new StatsSql(dialect()).breakdown(query, Dimension.of(DimensionKind.CITY), 5));
        assertThat(breakdown.sql()).endsWith("LIMIT {p11:UInt32}");
        assertThat(breakdown.parameters()).containsEntry("p11", "5");
    }
}
