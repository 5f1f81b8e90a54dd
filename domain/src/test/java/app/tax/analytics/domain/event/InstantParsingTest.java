package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The collector's fast path for UTC timestamps answers exactly as the formatter does, on every input it takes. */
class InstantParsingTest {

    @Test
    void theUsualFormsAreReadWithoutTheFormatterAndToTheNanosecond() {
        assertThat(UtcInstants.parse("2026-01-31T12:00:00.000Z")).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(UtcInstants.parse("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(UtcInstants.parse("2026-12-03T21:26:35.1Z")).isEqualTo(Instant.parse("2026-12-03T21:26:35.100Z"));
        assertThat(UtcInstants.parse("2026-12-03T21:26:35.123456789Z"))
                .isEqualTo(Instant.parse("2026-12-03T21:26:35.123456789Z"));
        assertThat(UtcInstants.parse("2026-12-03T21:26:35+02:00")).as("an offset: the formatter's").isNull();
        assertThat(EventParser.parseInstant("2026-12-03T21:26:35+02:00")).isEqualTo(Instant.parse("2026-12-03T19:26:35Z"));
    }

    @Test
    void fastAndFormatterAgreeOnValidInvalidAndMangledTimestamps() {
        Random random = new Random(20261203);
        List<String> inputs = new ArrayList<>(List.of("2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-04-31T10:00:00Z",
                "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z", "2024-01-01T23:59:59.Z",
                "2024-01-01T23:59:59.1234567890Z", "2024-01-01t23:59:59Z", "2024-01-01T23:59:59z", "2024-01-01 23:59:59Z",
                "+2024-01-01T23:59:59Z", "0000-01-01T00:00:00Z", "2024-1-01T23:59:59Z", "2024-01-01T23:59:5٣Z",
                "2024-01-01T23:59:59.12a4Z", "2024-01-01T23:59:59", "2024-01-01T23:59:59.5", "20240101T235959Z"));
        String digits = "0123456789";
        String noise = "0123456789-:.TZz+ a٣";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            int fraction = random.nextInt(12) - 1;
            if (fraction >= 0) {
                text.append('.');
                for (int d = 0; d < fraction; d++) {
                    text.append(digits.charAt(random.nextInt(10)));
                }
            }
            text.append('Z');
            if (random.nextInt(4) == 0) {
                text.setCharAt(random.nextInt(text.length()), noise.charAt(random.nextInt(noise.length())));
            }
            inputs.add(text.toString());
        }
        int fast = 0;
        for (String input : inputs) {
            Instant quick = UtcInstants.parse(input);
            Instant formatted = EventParser.parseInstantWithFormatter(input);
            if (quick != null) {
                fast++;
                assertThat(quick).as(input).isEqualTo(formatted);
            }
            assertThat(EventParser.parseInstant(input)).as(input).isEqualTo(formatted);
        }
        assertThat(fast).as("the fast path took most well-formed inputs").isGreaterThan(inputs.size() / 4);
    }
}
