package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

    private static Filter only(String text) {
        List<Filter> filters = FilterParser.parse(text);
        assertThat(filters).hasSize(1);
        return filters.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "page==/pricing # page # IS # /pricing",
            "page!=/pricing # page # IS_NOT # /pricing",
            "page=~pric # page # CONTAINS # pric",
            "country==KE|UG|TZ # country # IS # KE,UG,TZ",
            "utm_campaign==a%3Bb # utm_campaign # IS # a;b",
            "utm_campaign==a%7Cb|c # utm_campaign # IS # a|b,c",
            "page==/a+b%2B%20c # page # IS # /a+b+_c",
            "page==/tax?year=2025 # page # IS # /tax?year=2025",
            "page==a==b # page # IS # a==b",
            "page!=a=~b # page # IS_NOT # a=~b",
            "city==Nairobi%20%C3%A9 # city # IS # Nairobi_é",
            "prop:plan==pro # prop:plan # IS # pro",
            "prop:$browser.version=~12 # prop:$browser.version # CONTAINS # 12",
            "entry_page==/ # entry_page # IS # /"})
    void parsesEveryOperatorAndDecodesValues(String text, String dimension, Filter.Operator operator, String values) {
        Filter filter = only(text);

        assertThat(filter.dimension().wireName()).isEqualTo(dimension);
        assertThat(filter.operator()).isEqualTo(operator);
        assertThat(filter.values()).containsExactlyElementsOf(List.of(values.replace('_', ' ').split(",")));
    }

    @Test
    void conditionsAreSeparatedBySemicolonsAndTrimmed() {
        List<Filter> filters = FilterParser.parse(" country==KE ; ;browser!=Chrome|Safari;");

        assertThat(filters).extracting(Filter::toString).containsExactly("country==KE", "browser!=Chrome|Safari");
    }

    @Test
    void anEmptyValueMatchesRowsWithoutAValue() {
        assertThat(only("country==").values()).containsExactly("");
        assertThat(only("referrer!=|google.com").values()).containsExactly("", "google.com");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", ";", " ; ; "})
    void nothingMeansNoFilters(String text) {
        assertThat(FilterParser.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "page# condition 1 'page' has no operator; use dim==value, dim!=value or dim=~substring",
            "page=/a# condition 1 'page=/a' has no operator",
            "country==KE;page# condition 2 'page' has no operator",
            "==x# condition 1 '==x' has no operator",
            "colour==red# condition 1: dimension: unknown 'colour'; one of page, entry_page",
            "Page==/a# condition 1: dimension: unknown 'Page'",
            "prop:==x# condition 1: dimension: 'prop:': a property key is 1-128",
            "prop:a/b==x# condition 1: dimension: 'prop:a/b': a property key",
            "page=~# condition 1 'page=~' has an empty substring",
            "page=~a|# condition 1 'page=~a|' has an empty substring",
            "page==%zz# value '%zz' is not valid URL encoding",
            "page==50%# value '50%' is not valid URL encoding"})
    void errorsSayWhichConditionAndWhy(String text, String message) {
        assertThatThrownBy(() -> FilterParser.parse(text))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("filters: ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("filters"));
    }

    @Test
    void atMostTwentyConditions() {
        String twenty = IntStream.range(0, 20).mapToObj(i -> "page==/" + i).collect(Collectors.joining(";"));

        assertThat(FilterParser.parse(twenty)).hasSize(20);
        assertThatThrownBy(() -> FilterParser.parse(twenty + ";page==/x"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("filters: at most 20 conditions");
    }

    @Test
    void atMostFiftyValuesPerCondition() {
        String fifty = IntStream.range(0, 50).mapToObj(i -> "/" + i).collect(Collectors.joining("|"));

        assertThat(only("page==" + fifty).values()).hasSize(50);
        assertThatThrownBy(() -> FilterParser.parse("page==" + fifty + "|/x"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("condition 1 has more than 50 values");
    }

    @Test
    void filtersNeedAtLeastOneValue() {
        assertThatThrownBy(() -> new Filter(Dimension.of(DimensionKind.PAGE), Filter.Operator.IS, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void operatorSymbols() {
        assertThat(Filter.Operator.IS.symbol()).isEqualTo("==");
        assertThat(Filter.Operator.IS_NOT.symbol()).isEqualTo("!=");
        assertThat(Filter.Operator.CONTAINS.symbol()).isEqualTo("=~");
    }
}
