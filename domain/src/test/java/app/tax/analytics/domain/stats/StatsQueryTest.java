package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatsQueryTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(nullValues = "NULL", value = {
            "2026-03-01,                    NULL,             2026-03-01T00:00:00Z",
            "2026-03-01,                    Africa/Nairobi,   2026-02-28T21:00:00Z",
            "' 2026-03-01 ',                America/New_York, 2026-03-01T05:00:00Z",
            "2026-03-29,                    Europe/Berlin,    2026-03-28T23:00:00Z",
            "2026-03-01T10:00:00Z,          Africa/Nairobi,   2026-03-01T10:00:00Z",
            "2026-03-01T10:00:00.250+03:00, UTC,              2026-03-01T07:00:00.250Z",
            "2026-03-01T10:00,              Africa/Nairobi,   2026-03-01T07:00:00Z",
            "2026-03-01T10:00:00,           NULL,             2026-03-01T10:00:00Z",
            "2026-03-29T02:30:00,           Europe/Berlin,    2026-03-29T01:30:00Z"})
    void datesAreMidnightInTheZoneAndDateTimesKeepTheirOffset(String from, String tz, String expected) {
        StatsQuery query = StatsQuery.parse("web", from, "2026-04-15", tz, null);

        assertThat(query.from()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void theZoneDefaultsToUtcAndIsKept() {
        assertThat(StatsQuery.parse("web", "2026-03-01", "2026-03-02", null, "").zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(StatsQuery.parse("web", "2026-03-01", "2026-03-02", " ", "").zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(StatsQuery.parse("web", "2026-03-01", "2026-03-02", " Africa/Nairobi ", null).zone())
                .isEqualTo(ZoneId.of("Africa/Nairobi"));
        assertThat(StatsQuery.parse("web", "2026-03-01", "2026-03-02", "+03:00", null).zone()).isEqualTo(ZoneOffset.ofHours(3));
    }

    @Test
    void filtersAreParsed() {
        StatsQuery query = StatsQuery.parse("web", "2026-03-01", "2026-03-02", null, "country==KE;page=~tax");

        assertThat(query.filters()).extracting(Filter::toString).containsExactly("country==KE", "page=~tax");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "to equal to from           | 2026-03-01           | 2026-03-01           | NULL            | to: must be after from",
            "to before from             | 2026-03-02           | 2026-03-01           | NULL            | to: must be after from",
            "to before from by offsets  | 2026-03-01T10:00:00Z | 2026-03-01T12:00:00+03:00 | NULL       | to: must be after from",
            "more than 3 years          | 2020-01-01           | 2024-01-01           | NULL            | from: the range is longer than 3 years",
            "bad tz                     | 2026-03-01           | 2026-03-02           | Mars/Olympus    | tz: 'Mars/Olympus' is not an IANA time zone",
            "abbreviated tz             | 2026-03-01           | 2026-03-02           | EAT             | tz: 'EAT' is not an IANA time zone",
            "missing from               | NULL                 | 2026-03-02           | NULL            | from: is required",
            "blank to                   | 2026-03-01           | ' '                  | NULL            | to: is required",
            "garbage from               | yesterday            | 2026-03-02           | NULL            | from: 'yesterday' is not an ISO-8601 date or date-time",
            "epoch seconds              | 1772323200           | 2026-03-02           | NULL            | from: '1772323200' is not an ISO-8601",
            "impossible date            | 2026-02-30           | 2026-03-02           | NULL            | from: '2026-02-30' is not",
            "zone in brackets           | 2026-03-01T00:00:00+01:00[Europe/Berlin] | 2026-03-02 | NULL | from: '2026-03-01T00:00:00+01:00[Europe/Berlin]' is not"})
    void badParametersAreNamed(String description, String from, String to, String tz, String message) {
        assertThatThrownBy(() -> StatsQuery.parse("web", from, to, tz, null))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(message);
    }

    @Test
    void exactlyTheLongestRangeIsAllowed() {
        Instant from = Instant.parse("2023-01-01T00:00:00Z");

        assertThat(new StatsQuery("web", from, from.plus(StatsQuery.MAX_RANGE), ZoneOffset.UTC, null).filters()).isEmpty();
        assertThatThrownBy(() -> new StatsQuery("web", from, from.plus(StatsQuery.MAX_RANGE).plusMillis(1), ZoneOffset.UTC, null))
                .isInstanceOf(InvalidQueryException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void aSourceIsRequired(String source) {
        assertThatThrownBy(() -> StatsQuery.parse(source, "2026-03-01", "2026-03-02", null, null))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("source"));
    }

    @Test
    void thePreviousPeriodIsAsLongAndEndsWhereThisStarts() {
        StatsQuery query = StatsQuery.parse("web", "2026-03-08", "2026-03-15", "Africa/Nairobi", "country==KE");

        StatsQuery previous = query.previousPeriod();

        assertThat(previous.to()).isEqualTo(query.from());
        assertThat(Duration.between(previous.from(), previous.to())).isEqualTo(Duration.ofDays(7));
        assertThat(previous.source()).isEqualTo("web");
        assertThat(previous.zone()).isEqualTo(query.zone());
        assertThat(previous.filters()).isEqualTo(query.filters());
    }

    @Test
    void withersReplaceRangeOrFilters() {
        StatsQuery query = StatsQuery.parse("web", "2026-03-08", "2026-03-15", null, "country==KE");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-02T00:00:00Z");

        assertThat(query.withRange(from, to)).isEqualTo(new StatsQuery("web", from, to, ZoneOffset.UTC, query.filters()));
        assertThat(query.withFilters(List.of()).filters()).isEmpty();
        assertThat(query.withFilters(null).filters()).isEmpty();
    }
}
