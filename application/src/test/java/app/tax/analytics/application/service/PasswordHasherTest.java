package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void aHashNamesSchemeIterationsAndSaltAndMatchesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}").doesNotContain("correct");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("same password!")).isNotEqualTo(hasher.hash("same password!"));
    }

    @Test
    void hashesOfAnotherCostStillVerify() {
        String cheaper = new PasswordHasher(500).hash("an older password");

        assertThat(hasher.matches("an older password", cheaper)).isTrue();
    }

    @Test
    void unicodePasswordsWork() {
        String hash = hasher.hash("nenosiri 🔑 ya ushuru");

        assertThat(hasher.matches("nenosiri 🔑 ya ushuru", hash)).isTrue();
        assertThat(hasher.matches("nenosiri 🔐 ya ushuru", hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "bcrypt$1000$c2FsdA$aGFzaA", "pbkdf2-sha256$1000$c2FsdA", "pbkdf2-sha256$many$c2FsdA$aGFzaA",
            "pbkdf2-sha256$0$c2FsdA$aGFzaA", "pbkdf2-sha256$-5$c2FsdA$aGFzaA", "pbkdf2-sha256$1000$***$aGFzaA",
            "pbkdf2-sha256$1000$$aGFzaA", "pbkdf2-sha256$1000$c2FsdA$aGFzaA$extra"})
    void unreadableHashesNeverMatch(String encoded) {
        assertThat(hasher.matches("anything at all", encoded)).isFalse();
        assertThat(hasher.matches("anything at all", null)).isFalse();
    }

    @Test
    void theDefaultCostIsOwasps() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        assertThatThrownBy(() -> new PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
