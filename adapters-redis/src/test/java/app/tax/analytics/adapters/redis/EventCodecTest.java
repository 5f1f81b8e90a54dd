package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void anEventWithEveryFieldComesBackEqual() {
        Event event = TestEvents.everyField();

        Event decoded = codec.decode(codec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.timestamp()).isEqualTo(Instant.parse("2024-05-06T07:08:04.5Z"));
        assertThat(decoded.receivedAt().getNano()).isEqualTo(123_456_789);
        assertThat(decoded.properties().get("big")).isEqualTo(event.properties().get("big"));
    }

    @Test
    void propertiesTraitsAndTheRawContextAreWrittenAsDatabindWritesThem() throws Exception {
        // Collectors and processors of different versions share a stream: the entry's text must not change with
        // how the codec writes these maps.
        Event event = TestEvents.everyField();
        ObjectMapper mapper = new ObjectMapper();

        String json = codec.encode(event);

        assertThat(json).contains("\"properties\":" + mapper.writeValueAsString(event.properties()),
                "\"traits\":" + mapper.writeValueAsString(event.traits()),
                "\"raw\":" + mapper.writeValueAsString(event.context().raw()));
    }

    @Test
    void aMinimalEventComesBackEqualWithItsAbsentFieldsLeftOut() {
        Event event = new Event("web", EventType.IDENTIFY, "m-1", "user-1", null, Instant.parse("2024-01-01T00:00:00Z"),
                null, null, Instant.parse("2024-01-01T00:00:01Z"), null, null, null, null, null, null, null);

        String json = codec.encode(event);

        assertThat(json).contains("\"v\":1", "\"type\":\"identify\"").doesNotContain("anonymousId", "properties", "sentAt");
        assertThat(codec.decode(json)).isEqualTo(event);
        assertThat(codec.decode(json).context()).isEqualTo(EventContext.EMPTY);
    }

    @Test
    void whatIsNotAnEventOfThisFormatIsRefusedWithTheReason() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.decode("{\"v\":2}")).hasMessageContaining("version");
        assertThatThrownBy(() -> codec.decode("{\"v\":1,\"type\":\"purchase\"}")).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> codec.decode("{\"v\":1,\"type\":\"track\",\"source\":\"s\",\"messageId\":\"m\","
                + "\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"yesterday\",\"receivedAt\":\"2024-01-01T00:00:00Z\"}"))
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> codec.decode(null)).hasMessageContaining("no event payload");
    }
}
