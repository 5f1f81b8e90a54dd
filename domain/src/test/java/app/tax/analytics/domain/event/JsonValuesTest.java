package app.tax.analytics.domain.event;

import static app.tax.analytics.domain.event.Json.arr;
import static app.tax.analytics.domain.event.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void textReadsStringsNumbersAndBooleansAndTreatsBlankAsAbsent() {
        Map<String, Object> parent = obj("s", "x", "n", 12, "d", 1.5, "b", true, "blank", " ", "o", obj(), "a", arr());

        assertThat(JsonValues.text(parent, "s")).isEqualTo("x");
        assertThat(JsonValues.text(parent, "n")).isEqualTo("12");
        assertThat(JsonValues.text(parent, "d")).isEqualTo("1.5");
        assertThat(JsonValues.text(parent, "b")).isEqualTo("true");
        assertThat(JsonValues.text(parent, "blank")).isNull();
        assertThat(JsonValues.text(parent, "o")).isNull();
        assertThat(JsonValues.text(parent, "a")).isNull();
        assertThat(JsonValues.text(parent, "missing")).isNull();
        assertThat(JsonValues.text(null, "s")).isNull();
    }

    @Test
    void objectReturnsOnlyObjects() {
        Map<String, Object> parent = obj("o", obj("k", 1), "s", "x");

        assertThat(JsonValues.object(parent, "o")).isEqualTo(Map.of("k", 1));
        assertThat(JsonValues.object(parent, "s")).isEmpty();
        assertThat(JsonValues.object(null, "o")).isEmpty();
    }

    @Test
    void immutableCopyKeepsOrderAndNullsAndStringifiesNestedKeys() {
        Map<Object, Object> nested = new java.util.LinkedHashMap<>();
        nested.put(1, "one");
        Map<String, Object> source = obj("z", 1, "a", null, "nested", nested);

        Map<String, Object> copy = JsonValues.immutableCopy(source);

        assertThat(copy.keySet()).containsExactly("z", "a", "nested");
        assertThat(copy.get("a")).isNull();
        assertThat(copy.get("nested")).isEqualTo(Map.of("1", "one"));
    }
}
