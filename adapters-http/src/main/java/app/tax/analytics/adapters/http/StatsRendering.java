package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Dashboard results as JSON-ready maps and as CSV. Counts stay whole numbers ({@code Long}), rates and
 * averages decimals ({@code Double}), as {@link MetricValues} holds them.
 */
final class StatsRendering {
    /** Bucket starts as local date-times with seconds, e.g. {@code 2026-11-28T00:00:00}. */
    private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    /** Leading characters that make spreadsheets evaluate a cell as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private StatsRendering() {
    }

    static Map<String, Object> overview(QueryStats.Overview overview) {
        Collection<Metric> all = Arrays.asList(Metric.values());
        Map<String, Object> body = metrics(overview.current(), all);
        body.put("previous", metrics(overview.previous(), all));
        return body;
    }

    static Map<String, Object> timeseries(Interval interval, Collection<Metric> metrics, List<TimeseriesPoint> points) {
        List<Map<String, Object>> rendered = new ArrayList<>(points.size());
        for (TimeseriesPoint point : points) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("t", BUCKET.format(point.bucketStart()));
            item.putAll(metrics(point.values(), metrics));
            rendered.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval", interval.wireName());
        body.put("points", rendered);
        return body;
    }

    static Map<String, Object> breakdown(Dimension dimension, Collection<Metric> metrics, List<BreakdownRow> rows) {
        List<Map<String, Object>> rendered = new ArrayList<>(rows.size());
        for (BreakdownRow row : rows) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("value", row.value());
            item.putAll(metrics(row.values(), metrics));
            rendered.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dimension", dimension.wireName());
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
        return csv("t", metrics, records);
    }

    /** A null value ("none") is an empty cell (commons-csv would quote an empty string in the first column). */
    static String breakdownCsv(Collection<Metric> metrics, List<BreakdownRow> rows) {
        List<List<Object>> records = new ArrayList<>(rows.size());
        for (BreakdownRow row : rows) {
            List<Object> record = new ArrayList<>();
            record.add(row.value() == null ? null : neutralizeFormula(row.value()));
            addMetricCells(record, row.values(), metrics);
            records.add(record);
        }
        return csv("value", metrics, records);
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

    private static String csv(String firstColumn, Collection<Metric> metrics, List<List<Object>> records) {
        List<String> header = new ArrayList<>();
        header.add(firstColumn);
        metrics.forEach(metric -> header.add(metric.wireName()));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            printer.printRecords(records);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /**
     * Dimension values are visitor-supplied (page paths, referrers, properties): a leading apostrophe keeps a
     * spreadsheet from running {@code =HYPERLINK(...)} and the like (OWASP "CSV injection").
     */
    private static String neutralizeFormula(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
