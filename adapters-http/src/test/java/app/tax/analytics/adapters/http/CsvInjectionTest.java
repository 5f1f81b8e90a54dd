package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Metric;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV exports defuse every visitor-supplied cell (issue 10, 10; OWASP "CSV injection"). */
class CsvInjectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=1+1             | '=1+1",
            "+1               | '+1",
            "-1+1             | '-1+1",
            "@SUM(A1)         | '@SUM(A1)",
            "`  =1+1`         | `'  =1+1`",
            "＝1+1            | '＝1+1",
            "a;=1+1           | a;=1+1",
            "/pricing         | /pricing"})
    void formulaStartsGetAnApostrophe(String value, String expected) {
        assertThat(StatsRendering.neutralize(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersBecomeSpacesAndCannotHideAFormula() {
        assertThat(StatsRendering.neutralize("\t=1+1")).isEqualTo("' =1+1");
        assertThat(StatsRendering.neutralize("\r=1+1")).isEqualTo("' =1+1");
        assertThat(StatsRendering.neutralize("a\u0000b\u001Fc\u007F")).isEqualTo("a b c ");
        assertThat(StatsRendering.neutralize("line\nbreak")).isEqualTo("line break");
    }

    @org.junit.jupiter.api.Test
    void everyCellIsQuotedSoASemicolonCannotStartANewCell() {
        String csv = StatsRendering.breakdownCsv(List.of(Metric.VISITORS), List.of(
                new BreakdownRow("a;=1+1", TestPorts.FixedStatsReader.values(1, 1, 1, 1, 0.0, 0.0, 1.0)),
                new BreakdownRow("x\u0000;@cmd", TestPorts.FixedStatsReader.values(2, 1, 1, 1, 0.0, 0.0, 1.0))));

        assertThat(csv).isEqualTo("\"value\",\"visitors\"\r\n\"a;=1+1\",\"1\"\r\n\"x ;@cmd\",\"2\"\r\n");
        assertThat(csv).doesNotContain("\u0000");
    }
}
