package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.EventFields;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.StatsSql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the shared stats SQL is built for one store's {@link Dialect}: values never in the text, one
 * placeholder per parameter, every dimension answerable. What the SQL computes is proven by
 * {@link StoreContract} on the real engine.
 */
public abstract class StatsSqlContract {
    private static final String HOSTILE = "x') OR 1=1 --";

    protected abstract Dialect dialect();

    /** How many placeholders the dialect's text holds. */
    protected abstract long placeholders(String text);

    private List<Sql> everyQueryOf(StatsQuery query) {
        StatsSql statements = new StatsSql(dialect());
        List<Sql> all = new ArrayList<>(List.of(statements.overview(query), statements.timeseries(query, Interval.DAY),
                statements.retention(query, Interval.WEEK),
                statements.funnel(query, new FunnelDefinition(List.of(FunnelStep.page(HOSTILE), FunnelStep.event(HOSTILE),
                        FunnelStep.screen(HOSTILE)), Duration.ofHours(1))),
                statements.lateEvents(query), statements.recentDelays(HOSTILE, Instant.parse("2024-03-09T00:00:00Z")),
                statements.latestEvents(HOSTILE, Instant.parse("2024-03-09T00:00:00Z"), 10),
                statements.visitorsSince(HOSTILE, Instant.parse("2024-03-09T00:00:00Z")), statements.sources()));
        for (DimensionKind kind : DimensionKind.values()) {
            Dimension dimension = kind == DimensionKind.PROPERTY ? Dimension.parse("prop:plan -- $x") : Dimension.of(kind);
            all.add(statements.breakdown(query, dimension, 10));
        }
        return all;
    }

    @Test
    void filterValuesAndPropertyKeysNeverReachTheText() {
        StatsQuery query = StatsQuery.parse(HOSTILE, "2024-03-09", "2024-03-10", "America/New_York",
                "country==" + HOSTILE + "|;prop:plan!=" + HOSTILE + ";page=~" + HOSTILE + ";entry_page==" + HOSTILE
                        + ";exit_page!=" + HOSTILE + ";screen==" + HOSTILE + ";app_version=~" + HOSTILE);
        for (Sql sql : everyQueryOf(query)) {
            String text = sql.render(dialect());
            assertThat(text).doesNotContain(HOSTILE).doesNotContain("plan").doesNotContain("1=1");
            assertThat(placeholders(text)).as(text).isEqualTo(sql.parameters().size());
        }
        StatsSql statements = new StatsSql(dialect());
        assertThat(statements.filteredEvents(query).parameters()).extracting(Sql.Parameter::value).contains(HOSTILE);
    }

    @Test
    void everyEventLevelDimensionHasAColumn() {
        assertThat(EventFields.dimensionColumns().keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(DimensionKind.values())
                .filter(k -> k != DimensionKind.PROPERTY && !k.isSessionLevel()).toList());
        assertThat(EventFields.names()).containsAll(EventFields.dimensionColumns().values()).doesNotHaveDuplicates();
    }

    @Test
    void parametersAreTypedValues() {
        StatsQuery query = StatsQuery.parse("web", "2024-03-09", "2024-03-10", "UTC", null);
        Sql sql = new StatsSql(dialect()).breakdown(query, Dimension.of(DimensionKind.COUNTRY), 7);
        assertThat(sql.parameters()).contains(new Sql.Parameter(Sql.Type.TEXT, "web"), new Sql.Parameter(Sql.Type.UINT32, 7L),
                new Sql.Parameter(Sql.Type.TIME, Instant.parse("2024-03-09T00:00:00Z")));
    }
}
