package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * An {@link Event} as the bytes of a queue record: fields in a fixed order, each string as its UTF-8 length (-1 for
 * null) and bytes, instants as seconds and nanos (full precision), properties, traits and the raw context as the JSON
 * they came from. Written field by field so it needs no reflective access to the domain records; a change of the
 * records needs a new {@code SegmentLog} format version.
 */
final class EventBytes {
    private EventBytes() {
    }

    static byte[] encode(Event event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, event.source());
            text(out, event.type().wireName());
            text(out, event.messageId());
            text(out, event.userId());
            text(out, event.anonymousId());
            instant(out, event.timestamp());
            instant(out, event.originalTimestamp());
            instant(out, event.sentAt());
            instant(out, event.receivedAt());
            text(out, event.event());
            text(out, event.name());
            text(out, event.groupId());
            text(out, event.previousId());
            EventContext context = event.context();
            text(out, context.ip());
            text(out, context.userAgent());
            PageInfo page = context.page();
            for (String value : new String[] {page.url(), page.path(), page.referrer(), page.title(), page.search()}) {
                text(out, value);
            }
            Campaign campaign = context.campaign();
            for (String value : new String[] {campaign.source(), campaign.medium(), campaign.name(), campaign.term(),
                    campaign.content()}) {
                text(out, value);
            }
            text(out, context.locale());
            text(out, context.timezone());
            text(out, context.sessionId());
            text(out, context.libraryName());
            text(out, context.libraryVersion());
            text(out, Json.write(context.raw()));
            text(out, Json.write(event.properties()));
            text(out, Json.write(event.traits()));
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not an event this codec wrote */
    static Event decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String source = text(in);
            String type = text(in);
            EventType eventType = EventType.fromWire(type)
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
            String messageId = text(in);
            String userId = text(in);
            String anonymousId = text(in);
            Instant timestamp = instant(in);
            Instant originalTimestamp = instant(in);
            Instant sentAt = instant(in);
            Instant receivedAt = instant(in);
            String trackEvent = text(in);
            String name = text(in);
            String groupId = text(in);
            String previousId = text(in);
            String ip = text(in);
            String userAgent = text(in);
            PageInfo page = new PageInfo(text(in), text(in), text(in), text(in), text(in));
            Campaign campaign = new Campaign(text(in), text(in), text(in), text(in), text(in));
            EventContext context = new EventContext(ip, userAgent, page, campaign, text(in), text(in), text(in),
                    text(in), text(in), Json.readObject(text(in)));
            Map<String, Object> properties = Json.readObject(text(in));
            Map<String, Object> traits = Json.readObject(text(in));
            return new Event(source, eventType, messageId, userId, anonymousId, timestamp, originalTimestamp, sentAt,
                    receivedAt, trackEvent, name, groupId, previousId, context, properties, traits);
        } catch (IOException e) {
            throw new IllegalArgumentException("the record ends inside an event", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new IOException("a string of " + length + " bytes is longer than the record");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void instant(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
