package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Comparison;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricList;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.access.Share;
import app.tax.analytics.domain.access.Viewer;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stats reads ({@code /api/sources}, {@code /api/stats/*}) under a path prefix, for the reader a
 * {@link ReaderLookup} finds in the request.
 */
final class StatsRoutes implements DashboardRouteGroup {
    private static final int DEFAULT_BREAKDOWN_LIMIT = 10;
    private static final long DEFAULT_FUNNEL_WINDOW_MINUTES = 60;

    private final QueryStats stats;
    private final String prefix;
    private final ReaderLookup readers;

    /** Who reads: found from the request, or a failure (401, 403) thrown. */
    @FunctionalInterface
    interface ReaderLookup {
        Viewer reader(Context ctx);
    }

    @FunctionalInterface
    private interface ReadHandler {
        void handle(Context ctx, Viewer reader) throws Exception;
    }

    /** {@code windowMinutes} optional (60); the range, zone and filters are query parameters as for every read. */
    record FunnelBody(List<StepBody> steps, Long windowMinutes) {
    }

    /**
     * One of the three: a page path, a screen name or an event name. Any JSON value binds, so that a step of the
     * wrong shape is refused as a whole: "step 2 must be ...".
     */
    record StepBody(Object page, Object screen, Object event) {
    }

    /** @param prefix {@code /api}, or the prefix of another way in to the same reads */
    StatsRoutes(QueryStats stats, String prefix, ReaderLookup readers) {
        this.stats = Objects.requireNonNull(stats);
        this.prefix = Objects.requireNonNull(prefix);
        this.readers = Objects.requireNonNull(readers);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get(prefix + "/sources", read(this::sources))
                .get(prefix + "/stats/overview", read(this::overview))
                .get(prefix + "/stats/timeseries", read(this::timeseries))
                .get(prefix + "/stats/breakdown", read(this::breakdown))
                .post(prefix + "/stats/funnel", read(this::funnel))
                .get(prefix + "/stats/retention", read(this::retention))
                .get(prefix + "/stats/realtime", read(this::realtime))
                .get(prefix + "/stats/freshness", read(this::freshness));
    }

    private Handler read(ReadHandler handler) {
        return ctx -> handler.handle(ctx, readers.reader(ctx));
    }

    private void sources(Context ctx, Viewer reader) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (String name : stats.sources(reader)) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("id", name);
            source.put("name", name);
            sources.add(source);
        }
        Responses.json(ctx, 200, sources);
    }

    private void overview(Context ctx, Viewer reader) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters, reader);
        Comparison comparison = Comparison.parseForOverview(parameters.get("compare"), parameters.get("compareFrom"),
                parameters.get("compareTo"), query.zone());
        Responses.json(ctx, 200, StatsRendering.overview(stats.overview(reader, query, comparison)));
    }

    private void timeseries(Context ctx, Viewer reader) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters, reader);
        String intervalName = parameters.get("interval", "day");
        Interval interval = Interval.fromWire(intervalName).orElseThrow(() ->
                new InvalidQueryException("interval", "unknown '" + intervalName + "'; one of hour, day, week, month"));
        Set<Metric> metrics = MetricList.parseSeries(parameters.get("metrics"));
        boolean csv = wantsCsv(parameters);
        String filename = "timeseries-" + interval.wireName();
        Optional<Comparison> comparison = Comparison.parseForSeries(parameters.get("compare"), parameters.get("compareFrom"),
                parameters.get("compareTo"), query.zone());
        if (comparison.isPresent()) {
            QueryStats.ComparedTimeseries series = stats.timeseriesCompared(reader, query, interval, metrics, comparison.get());
            if (csv) {
                csv(ctx, filename, StatsRendering.timeseriesCsv(metrics, series));
            } else {
                Responses.json(ctx, 200, StatsRendering.timeseries(interval, metrics, series));
            }
            return;
        }
        List<TimeseriesPoint> points = stats.timeseries(reader, query, interval, metrics);
        if (csv) {
            csv(ctx, filename, StatsRendering.timeseriesCsv(metrics, points));
        } else {
            Responses.json(ctx, 200, StatsRendering.timeseries(interval, metrics, points));
        }
    }

    private void breakdown(Context ctx, Viewer reader) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters, reader);
        Dimension dimension = Dimension.parse(parameters.get("dimension"));
        Set<Metric> metrics = MetricList.parse(parameters.get("metrics"));
        int limit = wholeNumber(parameters, "limit", DEFAULT_BREAKDOWN_LIMIT);
        boolean csv = wantsCsv(parameters);
        List<BreakdownRow> rows = stats.breakdown(reader, query, dimension, metrics, limit);
        if (csv) {
            csv(ctx, "breakdown-" + dimension.wireName(), StatsRendering.breakdownCsv(metrics, rows, reader.minVisitors()));
        } else {
            Responses.json(ctx, 200, StatsRendering.breakdown(dimension, metrics, rows, reader.minVisitors()));
        }
    }

    private void funnel(Context ctx, Viewer reader) {
        StatsQuery query = query(QueryParameters.parse(ctx.queryString()), reader);
        FunnelDefinition funnel = funnelDefinition(JsonBody.read(ctx, FunnelBody.class));
        Responses.json(ctx, 200, StatsRendering.funnel(stats.funnel(reader, query, funnel)));
    }

    /** A funnel body read as a map elsewhere (saved funnels, marker comparisons), checked as the funnel route checks it. */
    static FunnelDefinition funnelDefinition(Map<String, Object> body) {
        return funnelDefinition(JsonBody.bind(Json.write(body), FunnelBody.class));
    }

    private static FunnelDefinition funnelDefinition(FunnelBody body) {
        long minutes = body.windowMinutes() == null ? DEFAULT_FUNNEL_WINDOW_MINUTES : body.windowMinutes();
        // checked before it becomes a Duration, which overflows for minutes near Long.MAX_VALUE
        if (minutes < 1 || minutes > FunnelDefinition.MAX_WINDOW.toMinutes()) {
            throw new InvalidQueryException("windowMinutes", "must be 1-" + FunnelDefinition.MAX_WINDOW.toMinutes());
        }
        return new FunnelDefinition(funnelSteps(body.steps()), Duration.ofMinutes(minutes));
    }

    private static List<FunnelStep> funnelSteps(List<StepBody> items) {
        String shape = "{\"page\": path}, {\"screen\": name} or {\"event\": name}";
        if (items == null) {
            throw new InvalidQueryException("steps", "is required: a list of " + shape);
        }
        List<FunnelStep> steps = new ArrayList<>();
        for (StepBody item : items) {
            String position = "step " + (steps.size() + 1);
            Map<FunnelStep.Kind, Object> given = new EnumMap<>(FunnelStep.Kind.class);
            if (item != null) {
                Arrays.stream(FunnelStep.Kind.values()).forEach(kind -> {
                    Object value = switch (kind) {
                        case PAGE -> item.page();
                        case SCREEN -> item.screen();
                        case EVENT -> item.event();
                    };
                    if (value != null) {
                        given.put(kind, value);
                    }
                });
            }
            Map.Entry<FunnelStep.Kind, Object> step = given.size() == 1 ? given.entrySet().iterator().next() : null;
            if (step == null || !(step.getValue() instanceof String value)) {
                throw new InvalidQueryException("steps", position + " must be " + shape);
            }
            try {
                steps.add(new FunnelStep(step.getKey(), value));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("steps", position + ": " + e.getMessage());
            }
        }
        return steps;
    }

    private void retention(Context ctx, Viewer reader) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters, reader);
        String periodName = parameters.get("period", "week");
        Interval period = Interval.fromWire(periodName).filter(p -> p != Interval.HOUR).orElseThrow(() ->
                new InvalidQueryException("period", "unknown '" + periodName + "'; one of day, week, month"));
        Responses.json(ctx, 200, StatsRendering.retention(stats.retention(reader, query, period)));
    }

    private void realtime(Context ctx, Viewer reader) {
        String source = source(QueryParameters.parse(ctx.queryString()), reader);
        if (source == null || source.isBlank()) {
            throw new InvalidQueryException("source", "is required");
        }
        Responses.json(ctx, 200, StatsRendering.realtime(stats.realtime(reader, source.strip())));
    }

    /** Late events and "complete up to" for the query's range and filters (docs/STATS.md, "Late events"). */
    private void freshness(Context ctx, Viewer reader) {
        Responses.json(ctx, 200, StatsRendering.freshness(stats.freshness(reader, query(QueryParameters.parse(ctx.queryString()), reader))));
    }

    private static StatsQuery query(QueryParameters parameters, Viewer reader) {
        return StatsQuery.parse(source(parameters, reader), parameters.get("from"), parameters.get("to"),
                parameters.get("tz"), parameters.get("filters"));
    }

    /** The range, zone and filters every stats read takes, for other routes that take them too. */
    static StatsQuery query(QueryParameters parameters) {
        return StatsQuery.parse(parameters.get("source"), parameters.get("from"), parameters.get("to"),
                parameters.get("tz"), parameters.get("filters"));
    }

    /** The {@code source} parameter; a shared link's reads may leave it out, as they have one source. */
    private static String source(QueryParameters parameters, Viewer reader) {
        String source = parameters.get("source");
        return (source == null || source.isBlank()) && reader instanceof Share share ? share.source() : source;
    }

    private static boolean wantsCsv(QueryParameters parameters) {
        String format = parameters.get("format", "json").strip();
        if (format.equals("csv")) {
            return true;
        }
        if (format.equals("json")) {
            return false;
        }
        throw new InvalidQueryException("format", "unknown '" + format + "'; json or csv");
    }

    private static int wholeNumber(QueryParameters parameters, String name, int fallback) {
        String text = parameters.get(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name, "'" + text + "' is not a whole number");
        }
    }

    private static void csv(Context ctx, String name, String csv) {
        String filename = name.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.status(200).contentType("text/csv; charset=utf-8").result(csv);
    }
}
