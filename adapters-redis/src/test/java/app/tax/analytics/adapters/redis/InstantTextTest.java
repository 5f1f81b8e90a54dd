package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.event.UtcInstants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream entry's instants are written exactly as {@link Instant#toString()} writes them, and read back equal. */
class InstantTextTest {

    @Test
    void everyPrecisionAndTheEdgesOfTheFourDigitYears() {
        assertThat(InstantText.of(Instant.parse("2026-01-31T12:00:00Z"))).isEqualTo("2026-01-31T12:00:00Z");
        assertThat(InstantText.of(Instant.parse("2026-01-31T12:00:00.100Z"))).isEqualTo("2026-01-31T12:00:00.100Z");
        assertThat(InstantText.of(Instant.parse("2026-01-31T12:00:00.000100Z"))).isEqualTo("2026-01-31T12:00:00.000100Z");
        assertThat(InstantText.of(Instant.parse("2026-01-31T12:00:00.000000001Z"))).isEqualTo("2026-01-31T12:00:00.000000001Z");
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
                Instant.parse("2024-02-29T23:59:59Z"), Instant.MIN, Instant.MAX);
        for (Instant edge : edges) {
            assertThat(InstantText.of(edge)).as(edge.toString()).isEqualTo(edge.toString());
        }
    }

    @Test
    void agreesWithToStringOnRandomInstants() {
        Random random = new Random(20261204);
        List<Instant> instants = new ArrayList<>();
        long first = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        int[] granularities = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            long seconds = first + Math.floorMod(random.nextLong(), last - first);
            int granularity = granularities[random.nextInt(granularities.length)];
            instants.add(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000) / granularity * granularity));
        }
        for (Instant instant : instants) {
            String text = InstantText.of(instant);
            assertThat(text).as(instant.toString()).isEqualTo(instant.toString());
            assertThat(Instant.parse(text)).isEqualTo(instant);
            // what the processor reads back: by hand in the common form, by the formatter otherwise (null here)
            Instant readBack = UtcInstants.parse(text);
            assertThat(readBack == null ? Instant.parse(text) : readBack).as(text).isEqualTo(instant);
            assertThat(readBack == null).as(text).isEqualTo(text.startsWith("-") || text.startsWith("+") || text.length() < 20);
        }
    }
}
