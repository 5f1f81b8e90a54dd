package app.tax.analytics.querymodel;

/** The logical type of an event field; each store's dialect names its column type. */
public enum FieldType {
    /** Text; a blank value is stored as NULL, so "no value" has one representation. */
    TEXT,
    /** An instant, stored as UTC with millisecond precision. */
    TIME,
    BOOLEAN,
    /** A JSON object (properties, traits, context), stored as its JSON text; never NULL. */
    JSON
}
