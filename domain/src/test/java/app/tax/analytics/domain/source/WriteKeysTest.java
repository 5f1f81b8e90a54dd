package app.tax.analytics.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WriteKeysTest {
    private static final String WEB_KEY = "wk_web_0123456789";
    private static final String APP_KEY = "wk_app_abcdefghij";

    @Test
    void namedKeysStandForTheirName() {
        WriteKeys keys = WriteKeys.parse("web:" + WEB_KEY + ", mobile-app : " + APP_KEY);

        assertThat(keys.sourceFor(WEB_KEY)).contains("web");
        assertThat(keys.sourceFor(APP_KEY)).contains("mobile-app");
        assertThat(keys.sourceNames()).containsExactly("web", "mobile-app");
    }

    @Test
    void anUnnamedKeyStandsForAStableShortHashThatIsNotTheKey() {
        WriteKeys keys = WriteKeys.parse(WEB_KEY);
        String source = keys.sourceFor(WEB_KEY).orElseThrow();

        assertThat(source).matches("key-[0-9a-f]{8}").doesNotContain(WEB_KEY);
        assertThat(WriteKeys.parse(" " + WEB_KEY + " ").sourceFor(WEB_KEY)).contains(source);
        assertThat(WriteKeys.parse(APP_KEY).sourceFor(APP_KEY)).isNotEqualTo(keys.sourceFor(WEB_KEY));
    }

    @Test
    void unknownAndEmptyKeysStandForNothing() {
        WriteKeys keys = WriteKeys.parse("web:" + WEB_KEY);

        assertThat(keys.sourceFor("wk_web_012345678")).isEmpty();
        assertThat(keys.sourceFor(WEB_KEY.toUpperCase())).isEmpty();
        assertThat(keys.sourceFor("web")).isEmpty();
        assertThat(keys.sourceFor("")).isEmpty();
        assertThat(keys.sourceFor(null)).isEmpty();
    }

    @Test
    void twoKeysMayStandForOneSourceDuringARotation() {
        WriteKeys keys = WriteKeys.parse("web:" + WEB_KEY + ",web:" + APP_KEY);

        assertThat(keys.sourceFor(WEB_KEY)).contains("web");
        assertThat(keys.sourceFor(APP_KEY)).contains("web");
        assertThat(keys.sourceNames()).containsExactly("web");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", ",", " , ,"})
    void nothingConfiguredMeansNoKeys(String configured) {
        WriteKeys keys = WriteKeys.parse(configured);

        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.sourceNames()).isEmpty();
    }

    @Test
    void emptyEntriesBetweenCommasAreSkipped() {
        assertThat(WriteKeys.parse("," + WEB_KEY + ",,").sourceNames()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "web:                       | entry 1 has an empty key",
            "short                      | entry 1 has a key shorter than 8 characters",
            "web:1234567                | entry 1 has a key shorter than 8 characters",
            "web site:wk_web_0123456789 | entry 1 has an invalid source name before ':'; a source name is 1-64",
            ":wk_web_0123456789         | entry 1 has an invalid source name before ':'",
            "wk_app_abcdefghij,wk_app_abcdefghij | entry 2 repeats a key given earlier",
            "a:wk_app_abcdefghij,b:wk_app_abcdefghij | entry 2 repeats a key given earlier"})
    void badEntriesAreNamedByPosition(String configured, String message) {
        assertThatThrownBy(() -> WriteKeys.parse(configured))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wk_secret_abcdef,wk_secret_abcdef", "web:wk_secret_abcdef,app:wk_secret_abcdef",
            "wk_secret_abcdef,bad name:wk_other_key_1", "web:wk_secret_abcdef,x:1234",
            "wk_secret_abcdef/with+slash:wk_other_key_1"})
    void errorsNeverShowAKey(String configured) {
        assertThatThrownBy(() -> WriteKeys.parse(configured))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wk_secret_abcdef", "wk_other_key_1", "1234"));
    }

    @Test
    void theKeysAreNeitherInToStringNorInTheSourceNames() {
        WriteKeys keys = WriteKeys.parse("web:" + WEB_KEY + "," + APP_KEY);

        assertThat(keys.toString()).doesNotContain(WEB_KEY, APP_KEY);
        assertThat(keys.sourceNames()).noneMatch(name -> name.contains(WEB_KEY) || name.contains(APP_KEY));
    }

    @ParameterizedTest
    @CsvSource({"web,true", "a.b-c_D9,true", "'',false", "web site,false", "wéb,false", "web/1,false"})
    void sourceNamesAreShortPlainWords(String name, boolean valid) {
        assertThat(SourceName.isValid(name)).isEqualTo(valid);
    }

    @Test
    void sourceNamesHaveALengthLimit() {
        assertThat(SourceName.isValid("a".repeat(64))).isTrue();
        assertThat(SourceName.isValid("a".repeat(65))).isFalse();
        assertThat(SourceName.isValid(null)).isFalse();
    }
}
