package app.tax.analytics.querymodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * SQL text built from fixed fragments, with every value kept apart as a typed {@link Parameter}.
 * {@link #render(Dialect)} writes a placeholder per parameter in the dialect's syntax ({@code ?} or
 * {@code {p0:String}}); {@link #parameters()} are in placeholder order. Nothing from a request is ever
 * part of the text.
 */
public final class Sql {
    /** The types a parameter can have; each dialect names and binds them. */
    public enum Type { TEXT, INT32, INT64, UINT32, TIME }

    /** One value and its type. */
    public record Parameter(Type type, Object value) {
        public Parameter {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "a parameter value");
            Class<?> expected = switch (type) {
                case TEXT -> String.class;
                case INT32, INT64, UINT32 -> Long.class;
                case TIME -> Instant.class;
            };
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException(type + " parameter needs a " + expected.getSimpleName() + ": " + value);
            }
        }
    }

    /** Fixed text (a String) or a {@link Parameter}, in order. */
    private final List<Object> parts = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();

    /** Appends a fixed fragment of this module's or an adapter's code (never a request's value). */
    public Sql add(String fragment) {
        parts.add(Objects.requireNonNull(fragment, "fragment"));
        return this;
    }

    /** Appends another fragment's text and parameters (a fragment may be appended more than once). */
    public Sql add(Sql other) {
        parts.addAll(other.parts);
        parameters.addAll(other.parameters);
        return this;
    }

    /** Appends a value as a placeholder. */
    public Sql value(Type type, Object value) {
        Parameter parameter = new Parameter(type, value);
        parts.add(parameter);
        parameters.add(parameter);
        return this;
    }

    public Sql text(String value) {
        return value(Type.TEXT, value);
    }

    public Sql time(Instant value) {
        return value(Type.TIME, value);
    }

    public Sql int64(long value) {
        return value(Type.INT64, value);
    }

    /** A row limit. */
    public Sql limit(long value) {
        return value(Type.UINT32, value);
    }

    /** {@code a, b, c}: each value a placeholder. */
    public Sql texts(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                add(", ");
            }
            text(values.get(i));
        }
        return this;
    }

    /** The text with the dialect's placeholders; the n-th placeholder (from 0) stands for the n-th parameter. */
    public String render(Dialect dialect) {
        StringBuilder text = new StringBuilder();
        int index = 0;
        for (Object part : parts) {
            if (part instanceof Parameter parameter) {
                text.append(dialect.placeholder(index++, parameter.type()));
            } else {
                text.append((String) part);
            }
        }
        return text.toString();
    }

    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part instanceof Parameter ? "?" : part);
        }
        return text + " " + parameters.stream().map(Parameter::value).toList();
    }
}
