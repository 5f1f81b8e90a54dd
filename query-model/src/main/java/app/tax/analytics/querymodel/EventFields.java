package app.tax.analytics.querymodel;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.stats.DimensionKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns of {@code events} (docs/STATS.md), listed once: each store's DDL is checked against this
 * list, its inserts bind values in this order, and the stats queries map dimensions to columns through
 * it. A new event-level dimension is one entry here (with its {@link DimensionKind}) plus its DDL.
 */
public final class EventFields {
    public static final List<EventField> ALL = List.of(
            required("source", r -> r.event().source()),
            required("message_id", r -> r.event().messageId()),
            required("type", r -> r.event().type().wireName()),
            dimension("event_name", DimensionKind.EVENT, r -> r.event().event()),
            text("name", r -> r.event().name()),
            text("user_id", r -> r.event().userId()),
            text("anonymous_id", r -> r.event().anonymousId()),
            required("visitor_id", EnrichedEvent::visitorId),
            required("session_id", EnrichedEvent::sessionId),
            new EventField("timestamp", FieldType.TIME, true, Optional.empty(), r -> r.event().timestamp()),
            new EventField("received_at", FieldType.TIME, true, Optional.empty(), r -> r.event().receivedAt()),
            time("sent_at", r -> r.event().sentAt()),
            time("original_timestamp", r -> r.event().originalTimestamp()),
            text("url", r -> context(r).page().url()),
            text("referrer", r -> context(r).page().referrer()),
            text("title", r -> context(r).page().title()),
            dimension("hostname", DimensionKind.HOSTNAME, r -> r.page().host()),
            dimension("path", DimensionKind.PAGE, r -> r.page().path()),
            dimension("referrer_domain", DimensionKind.REFERRER, r -> r.traffic().referrerDomain()),
            new EventField("channel", FieldType.TEXT, true, Optional.of(DimensionKind.CHANNEL), r -> r.traffic().channel().wireName()),
            dimension("utm_source", DimensionKind.UTM_SOURCE, r -> r.campaign().source()),
            dimension("utm_medium", DimensionKind.UTM_MEDIUM, r -> r.campaign().medium()),
            dimension("utm_campaign", DimensionKind.UTM_CAMPAIGN, r -> r.campaign().name()),
            dimension("utm_term", DimensionKind.UTM_TERM, r -> r.campaign().term()),
            dimension("utm_content", DimensionKind.UTM_CONTENT, r -> r.campaign().content()),
            dimension("country", DimensionKind.COUNTRY, r -> r.geo().country()),
            dimension("region", DimensionKind.REGION, r -> r.geo().region()),
            dimension("city", DimensionKind.CITY, r -> r.geo().city()),
            dimension("browser", DimensionKind.BROWSER, r -> r.device().browser()),
            text("browser_version", r -> r.device().browserVersion()),
            dimension("os", DimensionKind.OS, r -> r.device().os()),
            dimension("os_version", DimensionKind.OS_VERSION, r -> r.device().osVersion()),
            new EventField("device", FieldType.TEXT, true, Optional.of(DimensionKind.DEVICE), r -> r.device().deviceType().wireName()),
            new EventField("is_bot", FieldType.BOOLEAN, true, Optional.empty(), r -> r.device().bot()),
            text("ip", r -> context(r).ip()),
            text("user_agent", r -> context(r).userAgent()),
            text("locale", r -> context(r).locale()),
            text("timezone", r -> context(r).timezone()),
            text("library_name", r -> context(r).libraryName()),
            text("library_version", r -> context(r).libraryVersion()),
            text("group_id", r -> r.event().groupId()),
            text("previous_id", r -> r.event().previousId()),
            json("properties", r -> r.event().properties()),
            json("traits", r -> r.event().traits()),
            json("context", r -> context(r).raw()),
            // V006 (mobile apps): added after the first columns, so existing tables get them at the end
            dimension("screen", DimensionKind.SCREEN, r -> r.event().screenName()),
            dimension("app_version", DimensionKind.APP_VERSION, r -> context(r).app().appVersion()),
            dimension("app_build", DimensionKind.APP_BUILD, r -> context(r).app().appBuild()),
            dimension("device_model", DimensionKind.DEVICE_MODEL, r -> context(r).app().deviceModel()),
            dimension("device_manufacturer", DimensionKind.DEVICE_MANUFACTURER, r -> context(r).app().deviceManufacturer()),
            dimension("network", DimensionKind.NETWORK, r -> context(r).app().network()));

    private static final Map<DimensionKind, String> DIMENSION_COLUMNS;

    static {
        Map<DimensionKind, String> columns = new EnumMap<>(DimensionKind.class);
        for (EventField field : ALL) {
            field.dimension().ifPresent(kind -> {
                if (columns.put(kind, field.name()) != null) {
                    throw new IllegalStateException(kind + " has two fields");
                }
            });
        }
        DIMENSION_COLUMNS = Collections.unmodifiableMap(columns);
    }

    private EventFields() {
    }

    /** Event-level dimension → column; entry/exit page are derived per session, {@code prop:<key>} from JSON. */
    public static Map<DimensionKind, String> dimensionColumns() {
        return DIMENSION_COLUMNS;
    }

    /** The field called {@code name}. */
    public static EventField named(String name) {
        return ALL.stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event field " + name));
    }

    /** The field names, in table order. */
    public static List<String> names() {
        return ALL.stream().map(EventField::name).toList();
    }

    private static EventContext context(EnrichedEvent row) {
        return row.event().context();
    }

    private static EventField text(String name, Function<EnrichedEvent, Object> reader) {
        return new EventField(name, FieldType.TEXT, false, Optional.empty(), reader);
    }

    private static EventField required(String name, Function<EnrichedEvent, Object> reader) {
        return new EventField(name, FieldType.TEXT, true, Optional.empty(), reader);
    }

    private static EventField dimension(String name, DimensionKind kind, Function<EnrichedEvent, Object> reader) {
        return new EventField(name, FieldType.TEXT, false, Optional.of(kind), reader);
    }

    private static EventField time(String name, Function<EnrichedEvent, Object> reader) {
        return new EventField(name, FieldType.TIME, false, Optional.empty(), reader);
    }

    private static EventField json(String name, Function<EnrichedEvent, Object> reader) {
        return new EventField(name, FieldType.JSON, true, Optional.empty(), reader);
    }
}
