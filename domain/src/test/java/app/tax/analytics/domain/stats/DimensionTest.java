package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DimensionTest {

    @ParameterizedTest
    @EnumSource(value = DimensionKind.class, names = "PROPERTY", mode = EnumSource.Mode.EXCLUDE)
    void everyAllowListedNameParsesAndRoundTrips(DimensionKind kind) {
        Dimension dimension = Dimension.parse(" " + kind.wireName() + " ");

        assertThat(dimension).isEqualTo(Dimension.of(kind));
        assertThat(dimension.wireName()).isEqualTo(kind.wireName());
        assertThat(Dimension.NAMES).contains(kind.wireName());
    }

    @Test
    void theDesignsDimensionsAreAllThere() {
        for (String name : new String[] {"page", "entry_page", "exit_page", "hostname", "referrer", "channel", "utm_source",
                "utm_medium", "utm_campaign", "utm_term", "utm_content", "country", "region", "city", "browser", "os",
                "device", "event"}) {
            assertThat(Dimension.parse(name).wireName()).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "$browser", "Order Total", "a.b-c_d", "x"})
    void propertiesAreNamedByKey(String key) {
        Dimension dimension = Dimension.parse("prop:" + key);

        assertThat(dimension.kind()).isEqualTo(DimensionKind.PROPERTY);
        assertThat(dimension.propertyKey()).isEqualTo(key);
        assertThat(dimension.wireName()).isEqualTo("prop:" + key);
    }

    @Test
    void propertyKeysHaveALengthLimit() {
        assertThat(Dimension.parse("prop:" + "k".repeat(128)).propertyKey()).hasSize(128);
        assertThatThrownBy(() -> Dimension.parse("prop:" + "k".repeat(129))).isInstanceOf(InvalidQueryException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prop:", "prop:a'b", "prop:a;b", "prop:ключ", "prop:a\nb", "prop"})
    void badPropertyKeysAndBarePropAreRejected(String name) {
        assertThatThrownBy(() -> Dimension.parse(name))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("dimension: ");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void aDimensionIsRequired(String name) {
        assertThatThrownBy(() -> Dimension.parse(name))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("dimension: is required; one of page");
    }

    @Test
    void anUnknownDimensionListsTheKnownOnes() {
        assertThatThrownBy(() -> Dimension.parse("path"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("dimension: unknown 'path'; one of " + Dimension.NAMES);
        assertThat(Dimension.NAMES).contains("prop:<key>").doesNotContain(", prop,");
    }

    @Test
    void onlyPropertiesTakeAKey() {
        assertThatThrownBy(() -> new Dimension(DimensionKind.PAGE, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dimension(DimensionKind.PROPERTY, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dimension(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void entryAndExitPagesAreSessionLevel() {
        assertThat(DimensionKind.ENTRY_PAGE.isSessionLevel()).isTrue();
        assertThat(DimensionKind.EXIT_PAGE.isSessionLevel()).isTrue();
        assertThat(DimensionKind.PAGE.isSessionLevel()).isFalse();
    }
}
