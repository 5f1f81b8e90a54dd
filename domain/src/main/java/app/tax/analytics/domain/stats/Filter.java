package app.tax.analytics.domain.stats;

import java.util.List;
import java.util.Objects;

/**
 * One filter condition: {@code dimension op value[|value...]}; values of one condition are OR-ed,
 * conditions are AND-ed.
 */
public record Filter(Dimension dimension, Operator operator, List<String> values) {
    public enum Operator {
        /** {@code ==}: equals one of the values. */
        IS("=="),
        /** {@code !=}: equals none of the values (rows without a value match). */
        IS_NOT("!="),
        /** {@code =~}: contains one of the values as a substring, ignoring case. */
        CONTAINS("=~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public Filter {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(operator, "operator");
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one value");
        }
        values = List.copyOf(values);
    }

    @Override
    public String toString() {
        return dimension.wireName() + operator.symbol + String.join("|", values);
    }
}
