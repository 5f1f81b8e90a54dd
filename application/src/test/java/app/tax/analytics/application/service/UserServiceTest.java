package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.in.LastAdminException;
import app.tax.analytics.application.testing.InMemoryUserStore;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserServiceTest {
    private static final String STRONG = "a long passphrase";

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final PasswordHasher hasher = new PasswordHasher(1000);
    private final UserService users = new UserService(store, hasher, clock);

    private boolean passwordWorks(String email, String password) {
        return store.find(email).map(u -> hasher.matches(password, u.passwordHash())).orElse(false);
    }

    @Test
    void anAddedUserIsStoredNormalizedWithAHashedPassword() {
        DashboardUser added = users.add(" Wanjiku@Tax.Example ", STRONG, Role.VIEWER, Set.of("web"));

        assertThat(added.email()).isEqualTo("wanjiku@tax.example");
        assertThat(added.role()).isEqualTo(Role.VIEWER);
        assertThat(added.sources()).containsExactly("web");
        assertThat(added.createdAt()).isEqualTo(clock.instant());
        assertThat(added.passwordHash()).doesNotContain(STRONG);
        assertThat(store.find("wanjiku@tax.example")).contains(added);
        assertThat(passwordWorks("wanjiku@tax.example", STRONG)).isTrue();
        assertThat(users.list()).containsExactly(added);
    }

    @Test
    void anEmailCanBeUsedOnce() {
        users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());

        assertThatThrownBy(() -> users.add("A@TAX.example", STRONG, Role.ADMIN, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a user with e-mail a@tax.example exists already");
        assertThat(store.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "elevenchars", "🔑🔑🔑🔑🔑🔑"})
    void passwordsShorterThanTwelveCharactersAreRefused(String password) {
        assertThatThrownBy(() -> users.add("a@tax.example", password, Role.VIEWER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password must have at least 12 characters");
        assertThat(store.count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twelve chars", "🔑🔒🔓🔐🔑🔒🔓🔐🔑🔒🔓🔐", "ñandú pingüino"})
    void twelveCharactersOfAnyScriptAreEnough(String password) {
        users.add("a@tax.example", password, Role.VIEWER, Set.of());

        assertThat(passwordWorks("a@tax.example", password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"            ", "aaaaaaaaaaaaaaaa", "ab ab ab ab ab ab", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑"})
    void passwordsOfSpacesOrFewDifferentCharactersAreRefused(String password) {
        assertThatThrownBy(() -> users.add("weak@tax.example", password, Role.VIEWER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordsLongerThan1024BytesAreRefused() {
        assertThatThrownBy(() -> users.add("a@tax.example", "éèêë".repeat(128) + "é", Role.VIEWER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password must be at most 1024 bytes");
        users.add("b@tax.example", "éèêë".repeat(128), Role.VIEWER, Set.of());
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aRoleIsRequired() {
        assertThatThrownBy(() -> users.add("a@tax.example", STRONG, null, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role");
    }

    @Test
    void anInvalidEmailIsRefused() {
        assertThatThrownBy(() -> users.add("not-an-email", STRONG, Role.VIEWER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("email must be an e-mail address");
    }

    @Test
    void removingFindsTheUserByAnySpelling() {
        users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());

        assertThat(users.remove(" A@Tax.Example")).isTrue();
        assertThat(users.remove("a@tax.example")).isFalse();
        assertThat(users.list()).isEmpty();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());

        users.changePassword("A@tax.example", STRONG, "another long phrase");

        assertThat(passwordWorks("a@tax.example", "another long phrase")).isTrue();
        assertThat(passwordWorks("a@tax.example", STRONG)).isFalse();
    }

    @Test
    void aWrongCurrentPasswordAndAnUnknownUserGetTheSameAnswer() {
        users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());

        assertThatThrownBy(() -> users.changePassword("a@tax.example", "wrong password!", "another long phrase"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("current password is wrong");
        assertThatThrownBy(() -> users.changePassword("nobody@tax.example", STRONG, "another long phrase"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("current password is wrong");
        assertThat(passwordWorks("a@tax.example", STRONG)).isTrue();
    }

    @Test
    void fiveWrongCurrentPasswordsRefuseFurtherChecksForAWhileEvenWithTheRightOne() {
        users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> users.changePassword("a@tax.example", "wrong password!", "another long phrase"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThatThrownBy(() -> users.changePassword("a@tax.example", STRONG, "another long phrase"))
                .isInstanceOfSatisfying(app.tax.analytics.application.port.in.TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofMinutes(15)));
        clock.advance(java.time.Duration.ofMinutes(15));
        users.changePassword("a@tax.example", STRONG, "another long phrase");
        assertThat(passwordWorks("a@tax.example", "another long phrase")).isTrue();
    }

    @Test
    void aNewAccountGetsARandomTokenVersionAndAPasswordChangeANewOne() {
        DashboardUser first = users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());
        users.changePassword("a@tax.example", STRONG, "another long phrase");

        assertThat(store.find("a@tax.example").orElseThrow().tokenVersion()).isNotEqualTo(first.tokenVersion());
        users.remove("a@tax.example");
        assertThat(users.add("a@tax.example", STRONG, Role.VIEWER, Set.of()).tokenVersion())
                .isNotEqualTo(first.tokenVersion()).isNotEqualTo(first.tokenVersion() + 1);
    }

    @Test
    void aWeakNewPasswordKeepsTheOldOne() {
        users.add("a@tax.example", STRONG, Role.VIEWER, Set.of());

        assertThatThrownBy(() -> users.changePassword("a@tax.example", STRONG, "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 12");
        assertThat(passwordWorks("a@tax.example", STRONG)).isTrue();
    }

    @Test
    void theFirstAdminGetsAGeneratedPasswordOnceOnly() {
        Optional<String> generated = users.ensureFirstAdmin("admin@tax.example", null);
        Optional<String> again = users.ensureFirstAdmin("other@tax.example", null);

        assertThat(generated).hasValueSatisfying(password -> {
            assertThat(password).hasSizeGreaterThanOrEqualTo(UserService.MIN_PASSWORD_LENGTH);
            assertThat(passwordWorks("admin@tax.example", password)).isTrue();
        });
        assertThat(again).isEmpty();
        assertThat(users.list()).singleElement().satisfies(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void theFirstAdminTakesAGivenPasswordWithoutShowingIt() {
        assertThat(users.ensureFirstAdmin("admin@tax.example", STRONG)).isEmpty();
        assertThat(passwordWorks("admin@tax.example", STRONG)).isTrue();
        assertThat(store.find("admin@tax.example").orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void anEmptyGivenPasswordMeansGenerateOne() {
        assertThat(users.ensureFirstAdmin("admin@tax.example", "")).isPresent();
    }

    @Test
    void aWeakGivenFirstAdminPasswordIsRefused() {
        assertThatThrownBy(() -> users.ensureFirstAdmin("admin@tax.example", "admin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.count()).isZero();
    }

    @Test
    void noFirstAdminWhenAnyAccountExists() {
        users.add("viewer@tax.example", STRONG, Role.VIEWER, Set.of());

        assertThat(users.ensureFirstAdmin("admin@tax.example", null)).isEmpty();
        assertThat(store.find("admin@tax.example")).isEmpty();
    }

    @Test
    void generatedPasswordsAreLongAndDistinct() {
        String one = UserService.generatePassword();

        assertThat(one).matches("[A-Za-z0-9_-]{24}").isNotEqualTo(UserService.generatePassword());
    }

    @Test
    void theLastAdminCannotBeRemovedButAnotherAdminCan() {
        users.add("first@tax.example", STRONG, Role.ADMIN, Set.of());
        users.add("viewer@tax.example", STRONG, Role.VIEWER, Set.of());

        assertThatThrownBy(() -> users.remove("First@tax.example"))
                .isInstanceOf(LastAdminException.class).hasMessageContaining("last admin");
        users.add("second@tax.example", STRONG, Role.ADMIN, Set.of());
        assertThat(users.remove("first@tax.example")).isTrue();
        assertThat(users.remove("viewer@tax.example")).isTrue();
        assertThatThrownBy(() -> users.remove("second@tax.example")).isInstanceOf(LastAdminException.class);
        assertThat(users.list()).extracting(DashboardUser::email).containsExactly("second@tax.example");
    }
}
