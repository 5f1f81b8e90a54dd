package app.tax.analytics.domain.event;

/** Size limits of the ingestion contract (docs/ARCHITECTURE.md, "Ingestion contract"), shared by the collector and validation. */
public final class IngestionLimits {
    /** One event, serialized. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;
    /** One request body. */
    public static final int MAX_REQUEST_BYTES = 500 * 1024;
    /**
     * Items of one batch. Segment's libraries send batches of 20-100; the cap keeps a 500 KB body of tiny
     * items from costing a hundred thousand validations and an answer far larger than the request.
     */
    public static final int MAX_BATCH_ITEMS = 2_500;
    /** Depth of JSON nesting. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** One JSON string. */
    public static final int MAX_STRING_LENGTH = 32 * 1024;
    /** Identifiers: messageId, userId, anonymousId, groupId, previousId, event name, session id. */
    public static final int MAX_ID_LENGTH = 255;

    private IngestionLimits() {
    }
}
