package app.tax.analytics.domain.stats;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A breakdown or filter dimension: one of the allow-listed kinds, or {@code prop:<key>} for an event
 * property. Stores map kinds to columns; a property key is only ever a query parameter.
 *
 * @param propertyKey the key for {@link DimensionKind#PROPERTY}, null otherwise
 */
public record Dimension(DimensionKind kind, String propertyKey) {
    private static final Pattern PROPERTY_KEY = Pattern.compile("[A-Za-z0-9_.$ -]{1,128}");
    public static final String NAMES = Arrays.stream(DimensionKind.values())
            .map(k -> k == DimensionKind.PROPERTY ? "prop:<key>" : k.wireName()).collect(Collectors.joining(", "));

    public Dimension {
        Objects.requireNonNull(kind, "kind");
        if (kind == DimensionKind.PROPERTY) {
            if (propertyKey == null || !PROPERTY_KEY.matcher(propertyKey).matches()) {
                throw new IllegalArgumentException("a property key is 1-128 letters, digits, spaces or _ . $ -");
            }
        } else if (propertyKey != null) {
            throw new IllegalArgumentException("only prop:<key> takes a key");
        }
    }

    public static Dimension of(DimensionKind kind) {
        return new Dimension(kind, null);
    }

    /** @throws InvalidQueryException when the name is not allow-listed */
    public static Dimension parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidQueryException("dimension", "is required; one of " + NAMES);
        }
        String text = name.strip();
        if (text.startsWith("prop:")) {
            try {
                return new Dimension(DimensionKind.PROPERTY, text.substring(5));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("dimension", "'" + text + "': " + e.getMessage());
            }
        }
        return DimensionKind.fromWire(text).map(Dimension::of)
                .orElseThrow(() -> new InvalidQueryException("dimension", "unknown '" + text + "'; one of " + NAMES));
    }

    public String wireName() {
        return kind == DimensionKind.PROPERTY ? "prop:" + propertyKey : kind.wireName();
    }
}
