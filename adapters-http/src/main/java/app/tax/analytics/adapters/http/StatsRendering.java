package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.Retention;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Dashboard results as JSON-ready maps and as CSV. Counts stay whole numbers ({@code Long}), rates and
 * averages decimals ({@code Double}), as {@link MetricValues} holds them.
 */
final class StatsRendering {
    /** Bucket starts as local date-times with seconds, e.g. {@code 2026-11-28T00:00:00}. */
    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    /** First characters that make spreadsheets evaluate a cell as a formula (OWASP), with their full-width forms. */
    private static final String FORMULA_STARTS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    private StatsRendering() {
    }

    static Map<String, Object> overview(QueryStats.Overview overview) {
        Collection<Metric> all = Metric.PER_RANGE;
        Map<String, Object> body = metrics(overview.current(), all);
        body.put("previous", metrics(overview.previous(), all));
        return body;
    }

    static Map<String, Object> timeseries(Interval interval, Collection<Metric> metrics, List<TimeseriesPoint> points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", interval.wireName());
        body.put("points", points(metrics, points));
        return body;
    }

    /** As {@link #timeseries}, with {@code "previous"}: the points of the period before, as many. */
    static Map<String, Object> timeseries(Interval interval, Collection<Metric> metrics, QueryStats.ComparedTimeseries series) {
        Map<String, Object> body = timeseries(interval, metrics, series.current());
        body.put("previous", points(metrics, series.previous()));
        return body;
    }

    private static List<Map<String, Object>> points(Collection<Metric> metrics, List<TimeseriesPoint> points) {
        List<Map<String, Object>> rendered = new ArrayList<>(points.size());
        for (TimeseriesPoint point : points) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("t", BUCKET.format(point.bucketStart()));
            item.putAll(metrics(point.values(), metrics));
            rendered.add(item);
        }
        return rendered;
    }

    static Map<String, Object> funnel(FunnelResult result) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (FunnelResult.StepResult step : result.steps()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("step", step.number());
            item.put("kind", step.step().kind().wireName());
            item.put("label", step.step().value());
            item.put("visitors", step.visitors());
            item.put("conversionRate", step.conversionRate());
            item.put("stepConversionRate", step.stepConversionRate());
            item.put("dropOff", step.dropOff());
            steps.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windowMinutes", result.window().toMinutes());
        body.put("steps", steps);
        return body;
    }

    static Map<String, Object> retention(Retention retention) {
        List<Map<String, Object>> cohorts = new ArrayList<>();
        for (Retention.Cohort cohort : retention.cohorts()) {
            List<Map<String, Object>> returning = new ArrayList<>();
            for (Retention.Returning period : cohort.returning()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("offset", period.offset());
                item.put("visitors", period.visitors());
                item.put("rate", period.rate());
                returning.add(item);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("cohort", cohort.start().toString());
            item.put("visitors", cohort.visitors());
            item.put("returning", returning);
            cohorts.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", retention.period().wireName());
        body.put("cohorts", cohorts);
        return body;
    }

    /** Shares and times as JSON numbers and ISO instants; the times are null without recent events. */
    static Map<String, Object> freshness(Freshness freshness) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", freshness.events());
        body.put("lateEvents", freshness.lateEvents());
        body.put("lateShare", freshness.lateShare());
        body.put("lateAfterMinutes", Freshness.LATE_AFTER.toMinutes());
        body.put("recentEvents", freshness.recentEvents());
        body.put("delayP99Seconds", freshness.delayP99().map(d -> d.toMillis() / 1000.0).orElse(null));
        body.put("completeUpTo", freshness.completeUpTo().map(Instant::toString).orElse(null));
        return body;
    }

    static Map<String, Object> realtime(QueryStats.Realtime realtime) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (LatestEvent event : realtime.events()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("timestamp", event.timestamp().toString());
            item.put("type", event.type());
            item.put("name", event.name());
            item.put("path", event.path());
            item.put("country", event.country());
            item.put("device", event.device());
            events.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("visitors", realtime.visitors());
        body.put("events", events);
        return body;
    }

    /**
     * With a small-count limit ({@code minVisitors} k &gt; 0) the body says {@code "minVisitors": k} and every row
     * {@code "suppressed": true|false}; a suppressed row has each metric {@code null} and {@code "threshold": k}
     * (it had fewer than k visitors).
     */
    static Map<String, Object> breakdown(Dimension dimension, Collection<Metric> metrics, List<BreakdownRow> rows,
                                         int minVisitors) {
        List<Map<String, Object>> rendered = new ArrayList<>(rows.size());
        for (BreakdownRow row : rows) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("value", row.value());
            if (row.isSuppressed()) {
                metrics.forEach(metric -> item.put(metric.wireName(), null));
                item.put("suppressed", true);
                item.put("threshold", row.suppressedBelow());
            } else {
                item.putAll(metrics(row.values(), metrics));
                if (minVisitors > 0) {
                    item.put("suppressed", false);
                }
            }
            rendered.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dimension", dimension.wireName());
        if (minVisitors > 0) {
            body.put("minVisitors", minVisitors);
        }
        body.put("rows", rendered);
        return body;
    }

    static String timeseriesCsv(Collection<Metric> metrics, List<TimeseriesPoint> points) {
        List<List<Object>> records = new ArrayList<>(points.size());
        for (TimeseriesPoint point : points) {
            List<Object> record = new ArrayList<>();
            record.add(BUCKET.format(point.bucketStart()));
            addMetricCells(record, point.values(), metrics);
            records.add(record);
        }
        return csv(header("t", metrics), records);
    }

    /** One row per bucket: the bucket and its metrics, then the previous period's bucket and metrics. */
    static String timeseriesCsv(Collection<Metric> metrics, QueryStats.ComparedTimeseries series) {
        List<List<Object>> records = new ArrayList<>(series.current().size());
        for (int i = 0; i < series.current().size(); i++) {
            TimeseriesPoint point = series.current().get(i);
            TimeseriesPoint previous = series.previous().get(i);
            List<Object> record = new ArrayList<>();
            record.add(BUCKET.format(point.bucketStart()));
            addMetricCells(record, point.values(), metrics);
            record.add(BUCKET.format(previous.bucketStart()));
            addMetricCells(record, previous.values(), metrics);
            records.add(record);
        }
        List<String> header = header("t", metrics);
        header.add("previous_t");
        metrics.forEach(metric -> header.add("previous_" + metric.wireName()));
        return csv(header, records);
    }

    /** A breakdown without suppressed rows. */
    static String breakdownCsv(Collection<Metric> metrics, List<BreakdownRow> rows) {
        return breakdownCsv(metrics, rows, 0);
    }

    /**
     * A null value ("none") is an empty cell (commons-csv would quote an empty string in the first column).
     * Suppressed rows are folded into one last row, {@code other (N values under k visitors each)}, whose metric
     * cells are empty: nothing in the file tells their numbers.
     */
    static String breakdownCsv(Collection<Metric> metrics, List<BreakdownRow> rows, int minVisitors) {
        List<List<Object>> records = new ArrayList<>(rows.size());
        int folded = 0;
        for (BreakdownRow row : rows) {
            if (row.isSuppressed()) {
                folded++;
                continue;
            }
            List<Object> record = new ArrayList<>();
            record.add(row.value());
            addMetricCells(record, row.values(), metrics);
            records.add(record);
        }
        if (folded > 0) {
            List<Object> other = new ArrayList<>();
            other.add("other (" + folded + (folded == 1 ? " value" : " values") + " under " + minVisitors + " visitors each)");
            metrics.forEach(metric -> other.add(null));
            records.add(other);
        }
        return csv(header("value", metrics), records);
    }

    private static Map<String, Object> metrics(MetricValues values, Collection<Metric> metrics) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            rendered.put(metric.wireName(), value(values, metric));
        }
        return rendered;
    }

    private static Number value(MetricValues values, Metric metric) {
        return metric.isCount() ? (Number) values.count(metric) : (Number) values.decimal(metric);
    }

    private static void addMetricCells(List<Object> record, MetricValues values, Collection<Metric> metrics) {
        for (Metric metric : metrics) {
            Number number = value(values, metric);
            // plain notation: a spreadsheet should never see 1.0E7
            record.add(metric.isCount() ? number.toString() : BigDecimal.valueOf(number.doubleValue()).toPlainString());
        }
    }

    private static List<String> header(String firstColumn, Collection<Metric> metrics) {
        List<String> header = new ArrayList<>();
        header.add(firstColumn);
        metrics.forEach(metric -> header.add(metric.wireName()));
        return header;
    }

    private static String csv(List<String> header, List<List<Object>> records) {
        StringWriter out = new StringWriter();
        // every cell but null quoted: a cell such as "a;=1+1" stays one cell where spreadsheets split on ';'
        CSVFormat format = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setHeader(header.stream().map(StatsRendering::neutralize).toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<Object> record : records) {
                printer.printRecord(record.stream().map(cell -> cell instanceof String text ? neutralize(text) : cell));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /**
     * Cells hold visitor-supplied text (page paths, referrers, properties), so each is defused (OWASP "CSV
     * injection"): control characters (NUL, TAB, CR, LF, ...) become spaces, and a cell whose first non-space
     * character starts a formula gets a leading apostrophe, so no spreadsheet runs {@code =HYPERLINK(...)}.
     */
    static String neutralize(String value) {
        StringBuilder clean = new StringBuilder(value.length() + 1);
        value.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String text = clean.toString();
        String start = text.stripLeading();
        return !start.isEmpty() && FORMULA_STARTS.indexOf(start.charAt(0)) >= 0 ? "'" + text : text;
    }
}
