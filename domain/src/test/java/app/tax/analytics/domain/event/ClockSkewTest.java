package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClockSkewTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no client time: when received", null, null, "2026-03-10T12:00:00Z"),
                Arguments.of("no client time, sentAt alone: when received", null, "2026-03-10T11:00:00Z", "2026-03-10T12:00:00Z"),
                Arguments.of("no sentAt: the client time as is", "2026-03-01T08:00:00Z", null, "2026-03-01T08:00:00Z"),
                Arguments.of("right clock: unchanged but for the trip", "2026-03-10T11:59:50Z", "2026-03-10T11:59:59Z", "2026-03-10T11:59:51Z"),
                Arguments.of("clock an hour slow", "2026-03-10T10:59:50Z", "2026-03-10T10:59:59Z", "2026-03-10T11:59:51Z"),
                Arguments.of("clock an hour fast", "2026-03-10T12:59:50Z", "2026-03-10T12:59:59Z", "2026-03-10T11:59:51Z"),
                Arguments.of("clock in 1970, queued a day", "1970-01-01T00:00:00Z", "1970-01-02T00:00:00Z", "2026-03-09T12:00:00Z"),
                Arguments.of("millisecond precision", "2026-03-10T11:59:59.001Z", "2026-03-10T11:59:59.999Z", "2026-03-10T11:59:59.002Z"),
                Arguments.of("sentAt before the event (bad client): in the future", "2026-03-10T12:00:10Z", "2026-03-10T12:00:00Z", "2026-03-10T12:00:10Z"));
    }

    @org.junit.jupiter.api.Test
    void extremeClientTimesSaturateInsteadOfOverflowing() {
        assertThat(ClockSkew.correct(Instant.MAX, Instant.MIN, RECEIVED)).isEqualTo(Instant.MAX);
        assertThat(ClockSkew.correct(Instant.MIN, Instant.MAX, RECEIVED)).isEqualTo(Instant.MIN);
        assertThat(ClockSkew.correct(Instant.parse("+999999999-12-31T23:59:59Z"), Instant.parse("2000-01-01T00:00:00Z"), RECEIVED))
                .isEqualTo(Instant.MAX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void timestampIsReceivedAtMinusTheClientsDelayBetweenEventAndSending(String description, String client, String sentAt,
                                                                        String expected) {
        Instant corrected = ClockSkew.correct(client == null ? null : Instant.parse(client),
                sentAt == null ? null : Instant.parse(sentAt), RECEIVED);

        assertThat(corrected).isEqualTo(Instant.parse(expected));
    }
}
