package app.tax.analytics.bench;

import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.stats.Comparison;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.StatsSql;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The dashboard's endpoints as the API answers them ({@link QueryStats} over a store: every query an endpoint runs,
 * rows mapped) next to the engine running the endpoint's own main SQL raw (a breakdown with conversion rates: the
 * breakdown that also counts the range's visitors), and the plain totals (count, distinct visitors) of the range as
 * the floor. Each store's benchmark fills its engine with the same synthetic events ({@code storedRows} over 90
 * days, five per session, three sessions per visitor, 200 paths, 20 countries, one "Return Filed" track event per
 * session) and runs the SQL raw its own way. Ranges: the last 7 or 90 days.
 */
@State(Scope.Benchmark)
public abstract class DashboardQueries {
    @Param({"1000000"})
    public long storedRows;

    @Param({"7", "90"})
    public int days;

    private QueryStats api;
    private StatsSql statements;
    private DashboardUser viewer;
    private StatsQuery query;
    private FunnelDefinition funnel;
    private final Set<Metric> allMetrics = EnumSet.allOf(Metric.class);

    /** Called by the store's set-up once its events are stored, {@code newest} the time of the newest. */
    protected void prepare(StatsReader stats, Dialect dialect, Instant newest) {
        api = new StatsService(stats, WriteKeys.parse(SampleEvents.SOURCE + ":" + SampleEvents.WRITE_KEY), Clock.systemUTC());
        statements = new StatsSql(dialect);
        viewer = new DashboardUser("bench@tax.app", Role.ADMIN, "not-a-real-hash", Set.of(), Instant.now());
        Instant to = newest.plus(Duration.ofMinutes(1));
        query = new StatsQuery(SampleEvents.SOURCE, to.minus(Duration.ofDays(days)), to, ZoneOffset.UTC, List.of());
        funnel = new FunnelDefinition(List.of(FunnelStep.page("/p/1"), FunnelStep.page("/p/2"), FunnelStep.event("Return Filed")),
                Duration.ofDays(1));
    }

    /** Runs the statement and reads every value of every row, as a client of the engine would; the non-null values. */
    protected abstract long raw(Sql sql) throws SQLException;

    @Benchmark
    public Object overviewApi() {
        return api.overview(viewer, query, Comparison.PREVIOUS);
    }

    @Benchmark
    public long overviewRaw() throws SQLException {
        return raw(statements.overview(query));
    }

    /** The floor: the range's events and distinct visitors, no sessions. */
    @Benchmark
    public long plainTotalsRaw() throws SQLException {
        return raw(new Sql().add("SELECT count(*), count(DISTINCT visitor_id) FROM events WHERE source = ").text(query.source())
                .add(" AND \"timestamp\" >= ").time(query.from()).add(" AND \"timestamp\" < ").time(query.to()).add(" AND NOT is_bot"));
    }

    @Benchmark
    public Object timeseriesDayApi() {
        return api.timeseriesCompared(viewer, query, Interval.DAY, Set.of(Metric.VISITORS, Metric.PAGEVIEWS), Comparison.PREVIOUS);
    }

    @Benchmark
    public long timeseriesDayRaw() throws SQLException {
        return raw(statements.timeseries(query, Interval.DAY));
    }

    @Benchmark
    public Object breakdownPageApi() {
        return api.breakdown(viewer, query, Dimension.of(DimensionKind.PAGE), allMetrics, 10);
    }

    @Benchmark
    public long breakdownPageRaw() throws SQLException {
        return raw(statements.breakdownWithAllVisitors(query, Dimension.of(DimensionKind.PAGE), 10));
    }

    @Benchmark
    public Object breakdownCountryApi() {
        return api.breakdown(viewer, query, Dimension.of(DimensionKind.COUNTRY), allMetrics, 10);
    }

    @Benchmark
    public long breakdownCountryRaw() throws SQLException {
        return raw(statements.breakdownWithAllVisitors(query, Dimension.of(DimensionKind.COUNTRY), 10));
    }

    @Benchmark
    public Object breakdownEntryPageApi() {
        return api.breakdown(viewer, query, Dimension.of(DimensionKind.ENTRY_PAGE), allMetrics, 10);
    }

    @Benchmark
    public long breakdownEntryPageRaw() throws SQLException {
        return raw(statements.breakdownWithAllVisitors(query, Dimension.of(DimensionKind.ENTRY_PAGE), 10));
    }

    @Benchmark
    public Object funnelApi() {
        return api.funnel(viewer, query, funnel);
    }

    @Benchmark
    public long funnelRaw() throws SQLException {
        return raw(statements.funnel(query, funnel));
    }
}
