package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricValuesTest {

    @Test
    void withoutSessionsEveryRateIsZero() {
        MetricValues values = MetricMath.from(0, 0, 0, 0, 0, 0);

        assertThat(values.values()).containsOnlyKeys(Metric.PER_RANGE.toArray(Metric[]::new));
        assertThat(values.get(Metric.BOUNCE_RATE)).isEqualTo(0.0);
        assertThat(values.get(Metric.AVG_SESSION_SECONDS)).isEqualTo(0.0);
        assertThat(values.get(Metric.VIEWS_PER_SESSION)).isEqualTo(0.0);
        assertThat(values.get(Metric.VISITORS)).isEqualTo(0L);
    }

    @Test
    void eventsWithoutSessionsStillCount() {
        MetricValues values = MetricMath.from(2, 3, 4, 0, 0, 0);

        assertThat(values.count(Metric.PAGEVIEWS)).isEqualTo(3);
        assertThat(values.decimal(Metric.VIEWS_PER_SESSION)).isZero();
    }

    @Test
    void ratesAndAveragesFollowTheDefinitions() {
        MetricValues values = MetricMath.from(3, 7, 12, 4, 1, 330.5);

        assertThat(values.count(Metric.VISITORS)).isEqualTo(3);
        assertThat(values.count(Metric.PAGEVIEWS)).isEqualTo(7);
        assertThat(values.count(Metric.EVENTS)).isEqualTo(12);
        assertThat(values.count(Metric.SESSIONS)).isEqualTo(4);
        assertThat(values.decimal(Metric.BOUNCE_RATE)).isEqualTo(0.25);
        assertThat(values.decimal(Metric.AVG_SESSION_SECONDS)).isEqualTo(82.625);
        assertThat(values.decimal(Metric.VIEWS_PER_SESSION)).isEqualTo(1.75);
    }

    @Test
    void countsAreLongsAndRatesDoubles() {
        Map<Metric, Number> raw = new EnumMap<>(Metric.class);
        raw.put(Metric.VISITORS, 5);
        raw.put(Metric.EVENTS, 7.9);
        raw.put(Metric.BOUNCE_RATE, 1);
        raw.put(Metric.AVG_SESSION_SECONDS, Double.NaN);
        raw.put(Metric.VIEWS_PER_SESSION, Double.POSITIVE_INFINITY);

        MetricValues values = new MetricValues(raw);

        assertThat(values.get(Metric.VISITORS)).isEqualTo(5L);
        assertThat(values.get(Metric.EVENTS)).isEqualTo(7L);
        assertThat(values.get(Metric.BOUNCE_RATE)).isEqualTo(1.0);
        assertThat(values.get(Metric.AVG_SESSION_SECONDS)).isEqualTo(0.0);
        assertThat(values.get(Metric.VIEWS_PER_SESSION)).isEqualTo(0.0);
    }

    @Test
    void nullValuesBecomeZeroOfTheRightKind() {
        Map<Metric, Number> raw = new HashMap<>();
        raw.put(Metric.SESSIONS, null);
        raw.put(Metric.BOUNCE_RATE, null);

        MetricValues values = new MetricValues(raw);

        assertThat(values.get(Metric.SESSIONS)).isEqualTo(0L);
        assertThat(values.get(Metric.BOUNCE_RATE)).isEqualTo(0.0);
    }

    @Test
    void zerosGiveEachRequestedMetricAsZero() {
        MetricValues zeros = MetricValues.zeros(EnumSet.of(Metric.VISITORS, Metric.BOUNCE_RATE));

        assertThat(zeros.values()).containsOnly(Map.entry(Metric.VISITORS, 0L), Map.entry(Metric.BOUNCE_RATE, 0.0));
    }

    @Test
    void selectKeepsOnlyTheRequestedMetricsAndFillsMissingOnes() {
        MetricValues partial = new MetricValues(Map.of(Metric.VISITORS, 4L, Metric.EVENTS, 9L));

        MetricValues selected = partial.select(Set.of(Metric.VISITORS, Metric.VIEWS_PER_SESSION));

        assertThat(selected.values()).containsOnly(Map.entry(Metric.VISITORS, 4L), Map.entry(Metric.VIEWS_PER_SESSION, 0.0));
    }

    @Test
    void absentMetricsReadAsZeroAndValuesCannotBeChanged() {
        MetricValues values = new MetricValues(Map.of(Metric.VISITORS, 4L));

        assertThat(values.get(Metric.EVENTS)).isNull();
        assertThat(values.count(Metric.EVENTS)).isZero();
        assertThat(values.decimal(Metric.BOUNCE_RATE)).isZero();
        assertThatThrownBy(() -> values.values().put(Metric.EVENTS, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyMetricRoundTripsItsWireName(Metric metric) {
        assertThat(Metric.fromWire(metric.wireName())).contains(metric);
        assertThat(Metric.fromWire(" " + metric.wireName() + " ")).contains(metric);
        assertThat(Metric.NAMES).contains(metric.wireName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Visitors", "bounce_rate", "uniques"})
    void unknownMetricNamesAreNotGuessed(String name) {
        assertThat(Metric.fromWire(name)).isEmpty();
        assertThat(Metric.fromWire(null)).isEmpty();
    }

    @Test
    void countsAreWholeNumbersAndTheRestDecimals() {
        assertThat(EnumSet.allOf(Metric.class)).filteredOn(Metric::isCount)
                .containsExactlyInAnyOrder(Metric.VISITORS, Metric.PAGEVIEWS, Metric.SESSIONS, Metric.EVENTS);
    }

    @Test
    void rowsAndPointsNeedValues() {
        assertThatThrownBy(() -> new BreakdownRow("x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TimeseriesPoint(null, MetricValues.zeros(Set.of()))).isInstanceOf(NullPointerException.class);
        assertThat(new BreakdownRow(null, MetricValues.zeros(Set.of())).value()).isNull();
    }
}
