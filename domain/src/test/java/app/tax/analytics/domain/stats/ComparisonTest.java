package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private final StatsQuery march = StatsQuery.parse("web", "2024-03-01", "2024-04-01", "Africa/Nairobi", "country==KE");

    @Test
    void previousIsTheEquallyLongRangeBefore() {
        assertThat(Comparison.PREVIOUS.comparedQuery(march)).isEqualTo(march.previousPeriod());
    }

    @Test
    void yearBeforeKeepsTheLocalDatesAndTheFilters() {
        StatsQuery compared = Comparison.YEAR_BEFORE.comparedQuery(march);

        assertThat(compared).isEqualTo(StatsQuery.parse("web", "2023-03-01", "2023-04-01", "Africa/Nairobi", "country==KE"));
        // a leap day has no twin: the 28th
        StatsQuery leapDay = StatsQuery.parse("web", "2024-02-29", "2024-03-01", "UTC", null);
        assertThat(Comparison.YEAR_BEFORE.comparedQuery(leapDay).from()).isEqualTo(Instant.parse("2023-02-28T00:00:00Z"));
    }

    @Test
    void customIsTheGivenRangeReadInTheQuerysZone() {
        Optional<Comparison> custom = Comparison.parseForSeries("custom", "2024-01-01", "2024-01-08", NAIROBI);

        assertThat(custom).contains(new Comparison.Custom(Instant.parse("2023-12-31T21:00:00Z"), Instant.parse("2024-01-07T21:00:00Z")));
        assertThat(custom.get().comparedQuery(march).filters()).isEqualTo(march.filters());
    }

    @Test
    void parametersAreReadAsTheApiDocumentsThem() {
        assertThat(Comparison.parseForSeries(null, null, null, NAIROBI)).isEmpty();
        assertThat(Comparison.parseForSeries(" previous ", null, null, NAIROBI)).contains(Comparison.PREVIOUS);
        assertThat(Comparison.parseForSeries("year", "", "", NAIROBI)).contains(Comparison.YEAR_BEFORE);
        assertThat(Comparison.parseForOverview(null, null, null, NAIROBI)).isEqualTo(Comparison.PREVIOUS);
        assertThat(Comparison.parseForOverview("year", null, null, NAIROBI)).isEqualTo(Comparison.YEAR_BEFORE);
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> Comparison.parseForSeries("lastyear", null, null, NAIROBI))
                .hasMessage("compare: unknown 'lastyear'; previous, year, custom or none");
        assertThatThrownBy(() -> Comparison.parseForSeries("custom", "2024-01-01", null, NAIROBI))
                .hasMessage("compareTo: is required (ISO-8601 date or date-time)");
        assertThatThrownBy(() -> Comparison.parseForSeries("custom", "2024-01-08", "2024-01-01", NAIROBI))
                .hasMessage("compareTo: must be after compareFrom");
        assertThatThrownBy(() -> Comparison.parseForSeries("custom", "2024-13-01", "2024-01-01", NAIROBI))
                .hasMessageStartingWith("compareFrom: '2024-13-01' is not an ISO-8601 date");
        assertThatThrownBy(() -> Comparison.parseForSeries("year", "2024-01-01", null, NAIROBI))
                .hasMessage("compareFrom: is only read with compare=custom");
        assertThatThrownBy(() -> Comparison.parseForOverview("none", null, null, NAIROBI))
                .hasMessage("compare: the overview always compares: previous, year or custom");
        assertThatThrownBy(() -> Comparison.parseForSeries("custom", "2015-01-01", "2024-01-01", NAIROBI))
                .hasMessage("compareFrom: the compared range is longer than 3 years");
    }
}
