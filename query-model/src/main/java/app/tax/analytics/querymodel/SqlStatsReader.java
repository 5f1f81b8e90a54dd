package app.tax.analytics.querymodel;

import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.CohortActivity;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.MetricMath;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link StatsReader} over {@link StatsSql}: builds each query for the store's dialect and maps its rows;
 * the store only runs the SQL (its {@link SqlRunner}).
 */
public final class SqlStatsReader implements StatsReader {
    /** Reads a result; may throw SQLException like any JDBC access. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs a statement (rendered with the store's dialect) and returns what {@code reader} read of its rows. */
    @FunctionalInterface
    public interface SqlRunner {
        Object query(Sql sql, RowsReader<?> reader) throws SQLException;
    }

    private final String storeName;
    private final StatsSql statements;
    private final Dialect dialect;
    private final SqlRunner runner;

    /** @param storeName names the store in errors: "DuckDB did not answer a stats query: ..." */
    public SqlStatsReader(String storeName, Dialect dialect, SqlRunner runner) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.statements = new StatsSql(dialect);
    }

    @SuppressWarnings("unchecked") // the runner returns what the reader returned
    private <T> T query(Sql sql, RowsReader<T> reader) {
        try {
            return (T) runner.query(sql, reader);
        } catch (SQLException e) {
            throw new StoreUnavailableException(storeName + " did not answer a stats query: " + e.getMessage(), e);
        }
    }

    @Override
    public MetricValues overview(StatsQuery query) {
        return query(statements.overview(query), rows -> {
            rows.next();
            return metrics(rows, 1);
        });
    }

    @Override
    public List<TimeseriesPoint> timeseries(StatsQuery query, Interval interval) {
        return query(statements.timeseries(query, interval), rows -> {
            List<TimeseriesPoint> points = new ArrayList<>();
            while (rows.next()) {
                points.add(new TimeseriesPoint(dialect.localTime(rows, 1), metrics(rows, 2)));
            }
            return points;
        });
    }

    @Override
    public List<BreakdownRow> breakdown(StatsQuery query, Dimension dimension, int limit) {
        Objects.requireNonNull(dimension, "dimension");
        if (limit < 1) {
            return List.of();
        }
        return query(statements.breakdown(query, dimension, limit), rows -> {
            List<BreakdownRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(new BreakdownRow(rows.getString(1), metrics(rows, 2)));
            }
            return result;
        });
    }

    /** One query: the range's visitors ride along on every row (no rows: no visitors needed, 0). */
    @Override
    public BreakdownWithVisitors breakdownWithVisitors(StatsQuery query, Dimension dimension, int limit) {
        Objects.requireNonNull(dimension, "dimension");
        if (limit < 1) {
            return new BreakdownWithVisitors(List.of(), 0);
        }
        return query(statements.breakdownWithAllVisitors(query, dimension, limit), rows -> {
            List<BreakdownRow> result = new ArrayList<>();
            long allVisitors = 0;
            while (rows.next()) {
                result.add(new BreakdownRow(rows.getString(1), metrics(rows, 2)));
                allVisitors = rows.getLong(8);
            }
            return new BreakdownWithVisitors(result, allVisitors);
        });
    }

    @Override
    public List<Long> funnel(StatsQuery query, FunnelDefinition funnel) {
        int steps = funnel.steps().size();
        return query(statements.funnel(query, funnel), rows -> {
            rows.next();
            List<Long> visitors = new ArrayList<>();
            for (int k = 1; k <= steps; k++) {
                visitors.add(rows.getLong(k));
            }
            return visitors;
        });
    }

    @Override
    public List<CohortActivity> retention(StatsQuery query, Interval period) {
        return query(statements.retention(query, period), rows -> {
            List<CohortActivity> activity = new ArrayList<>();
            while (rows.next()) {
                activity.add(new CohortActivity(dialect.localTime(rows, 1), dialect.localTime(rows, 2), rows.getLong(3)));
            }
            return activity;
        });
    }

    @Override
    public List<LatestEvent> latestEvents(String source, Instant since, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return query(statements.latestEvents(source, since, limit), rows -> {
            List<LatestEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(LatestEvent.of(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
            }
            return events;
        });
    }

    @Override
    public long visitorsSince(String source, Instant since) {
        return query(statements.visitorsSince(source, since), rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    @Override
    public Freshness freshness(StatsQuery query, Instant now) {
        Objects.requireNonNull(now, "now");
        long[] late = query(statements.lateEvents(query), rows -> {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        });
        long[] recent = query(statements.recentDelays(query.source(), now), rows -> {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        });
        return Freshness.of(late[0], late[1], recent[0], recent[1], now);
    }

    @Override
    public List<String> sources() {
        return query(statements.sources(), rows -> {
            List<String> sources = new ArrayList<>();
            while (rows.next()) {
                sources.add(rows.getString(1));
            }
            return sources;
        });
    }

    /** Reads visitors, pageviews, events, sessions, bounced, duration in ms from {@code first} on. */
    private static MetricValues metrics(ResultSet rows, int first) throws SQLException {
        return MetricMath.from(rows.getLong(first), rows.getLong(first + 1), rows.getLong(first + 2),
                rows.getLong(first + 3), rows.getLong(first + 4), rows.getLong(first + 5) / 1000.0);
    }
}
