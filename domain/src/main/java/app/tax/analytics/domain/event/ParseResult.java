package app.tax.analytics.domain.event;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of validating one incoming message. */
public sealed interface ParseResult {

    record Parsed(Event event) implements ParseResult {
    }

    record Invalid(List<FieldError> errors) implements ParseResult {
        public Invalid {
            if (errors == null || errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid message has at least one error");
            }
            errors = List.copyOf(errors);
        }

        /** All problems in one line, e.g. {@code "event: required for track; timestamp: not ISO-8601"}. */
        public String message() {
            return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
        }
    }
}
