package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");

    private static Event event(String source, EventType type, String messageId, String userId, String anonymousId,
                               Instant timestamp, String eventName) {
        return new Event(source, type, messageId, userId, anonymousId, timestamp, null, null, T, eventName, null, null,
                null, null, null, null);
    }

    private static Event valid() {
        return event("web", EventType.TRACK, "m-1", "u-1", null, T, "Clicked");
    }

    @Test
    void aValidEventGetsEmptyDefaults() {
        Event event = valid();

        assertThat(event.context()).isEqualTo(EventContext.EMPTY);
        assertThat(event.properties()).isEmpty();
        assertThat(event.traits()).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void sourceIsRequired(String source) {
        assertThatThrownBy(() -> event(source, EventType.PAGE, "m", "u", null, T, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("source is required");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void messageIdIsRequired(String messageId) {
        assertThatThrownBy(() -> event("web", EventType.PAGE, messageId, "u", null, T, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("messageId is required");
    }

    @Test
    void oneOfUserIdOrAnonymousIdIsRequired() {
        assertThatThrownBy(() -> event("web", EventType.PAGE, "m", " ", null, T, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("userId or anonymousId is required");
    }

    @Test
    void trackNeedsAnEventName() {
        assertThatThrownBy(() -> event("web", EventType.TRACK, "m", "u", null, T, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("event is required");
    }

    @Test
    void typeAndTimesAreRequired() {
        assertThatThrownBy(() -> event("web", null, "m", "u", null, T, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> event("web", EventType.PAGE, "m", "u", null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Event("web", EventType.PAGE, "m", "u", null, T, null, null, null, null, null, null, null,
                null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theVisitorIsTheAnonymousIdWhenPresentElseTheUserId() {
        assertThat(event("web", EventType.PAGE, "m", "u", null, T, null).visitorId()).isEqualTo("u");
        assertThat(event("web", EventType.PAGE, "m", "u", "a", T, null).visitorId()).isEqualTo("a");
        assertThat(event("web", EventType.PAGE, "m", "u", " ", T, null).visitorId()).isEqualTo("u");
        assertThat(event("web", EventType.PAGE, "m", null, "a", T, null).visitorId()).isEqualTo("a");
    }

    @Test
    void mapsAreCopiedDeeplyAndImmutable() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", "v");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("inner", inner);
        Event event = new Event("web", EventType.PAGE, "m", "u", null, T, null, null, T, null, null, null, null, null,
                properties, properties);

        inner.put("k", "changed");

        assertThat(event.properties()).isEqualTo(Map.of("inner", Map.of("k", "v")));
        assertThatThrownBy(() -> event.traits().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withersChangeOnlyTheirPart() {
        Event event = valid();
        EventContext context = EventContext.EMPTY.withIp("1.2.3.0");

        Event withContext = event.withContext(context);
        Event withAnonymousId = event.withAnonymousId("cookieless-1");

        assertThat(withContext.context().ip()).isEqualTo("1.2.3.0");
        assertThat(withContext).usingRecursiveComparison().ignoringFields("context").isEqualTo(event);
        assertThat(withAnonymousId.anonymousId()).isEqualTo("cookieless-1");
        assertThat(withAnonymousId.visitorId()).isEqualTo("cookieless-1");
        assertThat(withAnonymousId).usingRecursiveComparison().ignoringFields("anonymousId").isEqualTo(event);
    }

    @Test
    void eventTypesHaveLowerCaseWireNames() {
        assertThat(EventType.SCREEN.wireName()).isEqualTo("screen");
        assertThat(EventType.fromWire("ALIAS")).contains(EventType.ALIAS);
        assertThat(EventType.fromWire("batch")).isEmpty();
        assertThat(EventType.fromWire(null)).isEmpty();
    }
}
