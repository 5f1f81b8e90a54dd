package app.tax.analytics.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardUserTest {
    private static final Instant CREATED = Instant.parse("2026-03-10T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"alice@tax.example,alice@tax.example", "' Alice@Tax.EXAMPLE ',alice@tax.example",
            "ÉLODIE@tax.example,élodie@tax.example", "first.last+tag@sub.tax.example,first.last+tag@sub.tax.example",
            "İSTANBUL@tax.example,i̇stanbul@tax.example"})
    void emailsAreStrippedAndLowerCasedIndependentlyOfTheLocale(String email, String normalized) {
        assertThat(DashboardUser.normalizeEmail(email)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "alice", "alice@", "@tax.example", "a@b@c", "al ice@tax.example", "alice@tax example"})
    void nonAddressesAreRejected(String email) {
        assertThatThrownBy(() -> DashboardUser.normalizeEmail(email))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("email must be an e-mail address");
    }

    @Test
    void addressesHaveALengthLimit() {
        String longest = "a".repeat(242) + "@tax.example";

        assertThat(DashboardUser.normalizeEmail(" " + longest + " ")).hasSize(254);
        assertThatThrownBy(() -> DashboardUser.normalizeEmail("a" + longest)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConstructorNormalizesAndCopies() {
        Set<String> sources = new HashSet<>(Set.of("web"));
        DashboardUser user = new DashboardUser(" Bob@Tax.Example", Role.VIEWER, "hash", sources, CREATED);
        sources.add("app");

        assertThat(user.email()).isEqualTo("bob@tax.example");
        assertThat(user.sources()).containsExactly("web");
        assertThat(new DashboardUser("b@t.example", Role.VIEWER, "hash", null, CREATED).sources()).isEmpty();
    }

    @Test
    void invariants() {
        assertThatThrownBy(() -> new DashboardUser("b@t.example", null, "hash", null, CREATED)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DashboardUser("b@t.example", Role.ADMIN, " ", null, CREATED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("passwordHash is required");
        assertThatThrownBy(() -> new DashboardUser("b@t.example", Role.ADMIN, "h", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void adminsSeeEverySourceAndViewersTheirsOrAllWhenUnrestricted() {
        DashboardUser admin = new DashboardUser("a@t.example", Role.ADMIN, "h", Set.of("web"), CREATED);
        DashboardUser restricted = new DashboardUser("v@t.example", Role.VIEWER, "h", Set.of("web"), CREATED);
        DashboardUser unrestricted = new DashboardUser("u@t.example", Role.VIEWER, "h", Set.of(), CREATED);

        assertThat(admin.maySee("app")).isTrue();
        assertThat(restricted.maySee("web")).isTrue();
        assertThat(restricted.maySee("app")).isFalse();
        assertThat(unrestricted.maySee("app")).isTrue();
    }

    @Test
    void aNewPasswordHashKeepsEverythingElse() {
        DashboardUser user = new DashboardUser("a@t.example", Role.VIEWER, "old", Set.of("web"), CREATED);

        assertThat(user.withPasswordHash("new")).isEqualTo(new DashboardUser("a@t.example", Role.VIEWER, "new", Set.of("web"), CREATED, 1));
    }

    @Test
    void rolesHaveWireNames() {
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
        assertThat(Role.fromWire(" Viewer ")).contains(Role.VIEWER);
        assertThat(Role.fromWire("owner")).isEmpty();
        assertThat(Role.fromWire(null)).isEmpty();
    }
}
