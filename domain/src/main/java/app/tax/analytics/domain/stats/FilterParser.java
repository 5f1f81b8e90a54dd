package app.tax.analytics.domain.stats;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the {@code filters} parameter: {@code ;}-separated conditions {@code dim==v}, {@code dim!=v},
 * {@code dim=~substring}; {@code |} separates alternatives; values are URL-encoded (so a literal
 * {@code ;} or {@code |} in a value is sent as {@code %3B} / {@code %7C}).
 */
public final class FilterParser {
    private static final int MAX_CONDITIONS = 20;
    private static final int MAX_VALUES = 50;

    private FilterParser() {
    }

    public static List<Filter> parse(String text) {
        List<Filter> filters = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return filters;
        }
        String[] conditions = text.split(";");
        if (conditions.length > MAX_CONDITIONS) {
            throw new InvalidQueryException("filters", "at most " + MAX_CONDITIONS + " conditions");
        }
        for (int i = 0; i < conditions.length; i++) {
            String condition = conditions[i].strip();
            if (!condition.isEmpty()) {
                filters.add(condition(condition, i + 1));
            }
        }
        return filters;
    }

    private static Filter condition(String condition, int position) {
        Filter.Operator operator = null;
        int at = -1;
        for (Filter.Operator candidate : Filter.Operator.values()) {
            int index = condition.indexOf(candidate.symbol());
            if (index > 0 && (at < 0 || index < at)) {
                operator = candidate;
                at = index;
            }
        }
        if (operator == null) {
            throw new InvalidQueryException("filters", "condition " + position + " '" + condition
                    + "' has no operator; use dim==value, dim!=value or dim=~substring");
        }
        Dimension dimension;
        try {
            dimension = Dimension.parse(condition.substring(0, at));
        } catch (InvalidQueryException e) {
            throw new InvalidQueryException("filters", "condition " + position + ": " + e.getMessage());
        }
        String rawValues = condition.substring(at + operator.symbol().length());
        List<String> values = Arrays.stream(rawValues.split("\\|", -1)).map(FilterParser::decode).toList();
        if (values.size() > MAX_VALUES) {
            throw new InvalidQueryException("filters", "condition " + position + " has more than " + MAX_VALUES + " values");
        }
        if (values.stream().anyMatch(String::isEmpty) && operator == Filter.Operator.CONTAINS) {
            throw new InvalidQueryException("filters", "condition " + position + " '" + condition + "' has an empty substring");
        }
        return new Filter(dimension, operator, values);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("filters", "value '" + value + "' is not valid URL encoding");
        }
    }
}
