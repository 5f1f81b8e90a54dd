package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptsTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndDropsComments() {
        String script = "-- a comment; with a semicolon\nCREATE TABLE t (a String DEFAULT 'x;y') ENGINE = Memory; -- trailing\n"
                + "INSERT INTO t VALUES ('it\\'s; fine');\n\n  ;\nSELECT `odd;name` FROM t";
        assertThat(SqlScripts.statements(script)).containsExactly(
                "CREATE TABLE t (a String DEFAULT 'x;y') ENGINE = Memory",
                "INSERT INTO t VALUES ('it\\'s; fine')",
                "SELECT `odd;name` FROM t");
    }

    @Test
    void placeholdersAreFoundAndReplacedByRenderedValues() {
        String script = "CREATE USER u IDENTIFIED BY ${PASSWORD}; ALTER USER u IDENTIFIED BY ${PASSWORD}; -- ${OTHER}";
        assertThat(SqlScripts.placeholders(script)).containsExactly("PASSWORD", "OTHER");
        assertThat(SqlScripts.substitute("BY ${PASSWORD}", Map.of("PASSWORD", "it's $1 \\"), SqlScripts::quoted))
                .isEqualTo("BY 'it\\'s $1 \\\\'");
        assertThatThrownBy(() -> SqlScripts.substitute(script, Map.of(), v -> v)).hasMessageContaining("${PASSWORD}");
    }

    @Test
    void listsThePackagedScriptsInOrder() {
        assertThat(SqlScripts.list("migrations")).isSorted().allMatch(name -> name.matches("V\\d{3}__[a-z_]+\\.sql"));
        assertThat(SqlScripts.read("grants.sql")).contains("analytics_writer", "analytics_reader");
        assertThat(ClickHouseMigrations.version("V012__add_things.sql")).isEqualTo("V012");
    }

    @Test
    void settingsNeverShowThePasswordAndBuildTheDriverUrl() {
        ClickHouseSettings settings = new ClickHouseSettings("db.internal", 8123, "analytics", "app", "s3cret", "?compress=false");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("****");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:clickhouse:http://db.internal:8123/analytics?compress=false");
        assertThat(new ClickHouseSettings("::1", 8123, "analytics", null, null, null).jdbcUrl())
                .isEqualTo("jdbc:clickhouse:http://[::1]:8123/analytics");
        assertThatThrownBy(() -> new ClickHouseSettings("h", 8123, "analytics; DROP", "u", "", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parameterValuesAreEscapedForTheServersTextFormat() {
        assertThat(ClickHouseClient.escaped("a\\b\tc\nd\re\0")).isEqualTo("a\\\\b\\tc\\nd\\re\\0");
        BoundSql sql = new BoundSql().add("SELECT ").text("x").add(", ").textArray(List.of("a'b"));
        assertThat(sql.sql()).isEqualTo("SELECT {p0:String}, JSONExtract({p1:String}, 'Array(String)')");
        assertThat(sql.parameters()).containsEntry("p0", "x").containsEntry("p1", "[\"a'b\"]");
    }
}
