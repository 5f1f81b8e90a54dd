package app.tax.analytics.domain.event;

import java.util.Objects;

/**
 * One problem with one field of a message: {@code field} is a JSON path ("timestamp",
 * "context.page.url", "userId|anonymousId"), {@code problem} says what is wrong in words.
 */
public record FieldError(String field, String problem) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
