package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.in.CollectEvents.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A batch body is decoded in one pass; the bodies that pass cannot decode (an item over the size limit, broken
 * JSON, a body without byte offsets) are read again item by item, so the answer is what that reading gives.
 */
class IngestionBodyTest {
    private static final String TRACK = "{\"type\":\"track\",\"event\":\"Return Filed\",\"userId\":\"u%d\",\"properties\":{\"amount\":%d.5,\"tags\":[1,2,{\"a\":null}]}}";

    @Test
    void aBatchIsReadWithItsItemsInOrderAndTheBatchsSentAtGivenToItemsWithoutTheirOwn() {
        String body = "{\"writeKey\":\"wk\",\"sentAt\":\"2026-12-05T10:00:00Z\",\"batch\":[" + TRACK.formatted(1, 1) + ","
                + "{\"type\":\"page\",\"name\":\"Home\",\"sentAt\":\"2026-12-05T09:00:00Z\",\"writeKey\":\"other\"}],\"context\":{\"app\":{\"name\":\"tax\"}}}";

        IngestionBody read = IngestionBody.batch(bytes(body));

        assertThat(read.writeKey()).isEqualTo("wk");
        assertThat(read.messages()).containsExactly(
                Map.of("type", "track", "event", "Return Filed", "userId", "u1", "sentAt", "2026-12-05T10:00:00Z",
                        "properties", Map.of("amount", 1.5, "tags", List.of(1, 2, java.util.Collections.singletonMap("a", null)))),
                Map.of("type", "page", "name", "Home", "sentAt", "2026-12-05T09:00:00Z"));
        assertThat(read.batchContext()).isEqualTo(Map.of("app", Map.of("name", "tax")));
        assertThat(read.rejections(List.of())).isEmpty();
    }

    @Test
    void aBadEscapeInAnItemIsA400NamingWhere() {
        String badEscape = "{\"type\":\"track\",\"event\":\"bad \\q escape\"}";
        String body = "{\"batch\":[" + TRACK.formatted(1, 1) + "," + badEscape + "]}";

        assertThatThrownBy(() -> IngestionBody.batch(bytes(body)))
                .isInstanceOfSatisfying(HttpFailure.class, failure -> assertThat(failure.status()).isEqualTo(400))
                .hasMessage("malformed JSON at line 1, column " + (body.indexOf("\\q") + 2) + ": Unrecognized character escape 'q' (code 113)");
    }

    @Test
    void anOversizedItemIsRefusedByItsSizeAmongItemsThatAreKept() {
        String large = "{\"type\":\"track\",\"event\":\"big\",\"properties\":{\"text\":\"" + "x".repeat(40_000) + "\"}}";
        String body = "{\"batch\":[" + large + "," + TRACK.formatted(2, 2) + ",7]}";

        IngestionBody read = IngestionBody.batch(bytes(body));

        assertThat(userIds(read)).containsExactly("u2");
        assertThat(read.rejections(List.of())).extracting(Rejection::index, Rejection::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "the event is " + large.length() + " bytes; at most 32768 bytes per event"),
                org.assertj.core.groups.Tuple.tuple(2, "must be a JSON object"));
        assertThat(read.refusalsByReason()).isEqualTo(Map.of("too_large", 1L, "not_an_object", 1L));
    }

    @Test
    void aBodyBrokenBetweenItemsIsA400NamingWhere() {
        String body = "{\"batch\":[" + TRACK.formatted(1, 1) + "," + TRACK.formatted(2, 2) + " {\"type\":\"track\"}]}";

        assertThatThrownBy(() -> IngestionBody.batch(bytes(body)))
                .isInstanceOfSatisfying(HttpFailure.class, failure -> assertThat(failure.status()).isEqualTo(400))
                .hasMessageContaining("line 1");
    }

    @Test
    void aUtf16BodyIsRefusedAsNotUtf8() {
        String body = "{\"batch\":[" + TRACK.formatted(1, 1) + "]}";

        assertThatThrownBy(() -> IngestionBody.batch(body.getBytes(StandardCharsets.UTF_16)))
                .isInstanceOfSatisfying(HttpFailure.class, failure -> assertThat(failure.status()).isEqualTo(400))
                .hasMessageContaining("UTF-8");
    }

    private static List<Object> userIds(IngestionBody read) {
        return read.messages().stream().map(message -> ((Map<?, ?>) message).get("userId")).map(Object.class::cast).toList();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
