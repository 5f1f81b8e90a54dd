package app.tax.analytics.querymodel;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.stats.DimensionKind;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One column of the {@code events} table: its name, logical type, whether every event has a value, the
 * dashboard dimension it answers (if any) and how its value is read from an {@link EnrichedEvent}.
 */
public record EventField(String name, FieldType type, boolean required, Optional<DimensionKind> dimension,
                         Function<EnrichedEvent, Object> reader) {
    public EventField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(reader, "reader");
        if (!name.matches("[a-z][a-z_]*")) {
            throw new IllegalArgumentException("a field name is a lower-case SQL identifier: " + name);
        }
    }

    /**
     * The value as stored: a blank text is {@code null}, an absent JSON object an empty one; a
     * {@link FieldType#TIME} is an {@link java.time.Instant}, a {@link FieldType#BOOLEAN} a {@link Boolean}.
     */
    public Object valueOf(EnrichedEvent event) {
        Object value = reader.apply(event);
        return switch (type) {
            case TEXT -> value == null || ((String) value).isBlank() ? null : value;
            case JSON -> value == null ? Map.of() : value;
            case TIME, BOOLEAN -> value;
        };
    }
}
