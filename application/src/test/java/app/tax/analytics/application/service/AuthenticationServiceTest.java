package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.in.Authenticate.LoginOutcome;
import app.tax.analytics.application.testing.FakeTokenCodec;
import app.tax.analytics.application.testing.InMemoryUserStore;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.domain.user.Role;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticationServiceTest {
    private static final String PASSWORD = "a long passphrase";
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final String IP = "203.0.113.9";

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final InMemoryUserStore store = new InMemoryUserStore();
    private final PasswordHasher hasher = new PasswordHasher(1000);
    private final FakeTokenCodec tokens = new FakeTokenCodec(clock);
    private final AuthenticationService auth = new AuthenticationService(store, hasher, tokens, LIFETIME, clock);

    @BeforeEach
    void accounts() {
        UserService users = new UserService(store, hasher, clock);
        users.add("wanjiku@tax.example", PASSWORD, Role.ADMIN, Set.of());
        users.add("otieno@tax.example", PASSWORD, Role.VIEWER, Set.of("web"));
    }

    private void fail(String email, String ip, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(auth.login(email, "wrong password", ip)).isInstanceOf(LoginOutcome.InvalidCredentials.class);
        }
    }

    @Test
    void theRightPasswordGivesATokenThatLeadsBackToTheUser() {
        LoginOutcome outcome = auth.login(" Wanjiku@Tax.Example ", PASSWORD, IP);

        assertThat(outcome).isInstanceOf(LoginOutcome.LoggedIn.class);
        LoginOutcome.LoggedIn loggedIn = (LoginOutcome.LoggedIn) outcome;
        assertThat(loggedIn.expiresAt()).isEqualTo(clock.instant().plus(LIFETIME));
        assertThat(loggedIn.user().email()).isEqualTo("wanjiku@tax.example");
        assertThat(tokens.roleOf(loggedIn.token())).contains("admin");
        assertThat(auth.userFor(loggedIn.token())).contains(loggedIn.user());
    }

    @Test
    void tokensStopWorkingWhenExpiredOrWhenTheAccountIsGone() {
        String token = ((LoginOutcome.LoggedIn) auth.login("otieno@tax.example", PASSWORD, IP)).token();

        clock.advance(LIFETIME);
        assertThat(auth.userFor(token)).isEmpty();

        clock.advance(Duration.ofSeconds(-1));
        assertThat(auth.userFor(token)).isPresent();
        store.remove("otieno@tax.example");
        assertThat(auth.userFor(token)).isEmpty();
        assertThat(auth.userFor("forged")).isEmpty();
        assertThat(auth.userFor(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {
            "wrong password,       wanjiku@tax.example, not the password",
            "unknown user,         nobody@tax.example,  a long passphrase",
            "not an e-mail,        wanjiku,             a long passphrase",
            "no e-mail,            NULL,                a long passphrase",
            "no password,          wanjiku@tax.example, NULL",
            "empty password,       wanjiku@tax.example, ''"})
    void everyFailureLooksTheSame(String description, String email, String password) {
        assertThat(auth.login(email, password, IP)).isEqualTo(new LoginOutcome.InvalidCredentials());
    }

    @Test
    void fiveFailuresFromOneAddressLockThatAddressOutOfTheAccountOnly() {
        fail("wanjiku@tax.example", IP, 5);

        assertThat(auth.login("WANJIKU@tax.example", PASSWORD, IP)).isEqualTo(new LoginOutcome.Throttled(LOCKOUT));
        assertThat(auth.login("wanjiku@tax.example", PASSWORD, "192.0.2.50")).as("the owner elsewhere is not locked out")
                .isInstanceOf(LoginOutcome.LoggedIn.class);
        assertThat(auth.login("otieno@tax.example", PASSWORD, IP)).as("other accounts are not locked")
                .isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void failuresFromManyAddressesSlowTheAccountDownButNeverLockIt() {
        for (int i = 0; i < 10; i++) {
            fail("wanjiku@tax.example", "198.51.100." + i, 1);
        }

        LoginOutcome slowed = auth.login("wanjiku@tax.example", PASSWORD, "192.0.2.50");
        assertThat(slowed).isEqualTo(new LoginOutcome.Throttled(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        fail("wanjiku@tax.example", "198.51.100.99", 1);
        for (int i = 0; i < 10; i++) {
            clock.advance(AuthenticationService.MAX_ACCOUNT_DELAY);
            fail("wanjiku@tax.example", "203.0.113." + i, 1);
        }
        assertThat(auth.login("wanjiku@tax.example", PASSWORD, "192.0.2.50")).isInstanceOfSatisfying(LoginOutcome.Throttled.class,
                throttled -> assertThat(throttled.retryAfter()).isLessThanOrEqualTo(AuthenticationService.MAX_ACCOUNT_DELAY));
        clock.advance(AuthenticationService.MAX_ACCOUNT_DELAY);
        assertThat(auth.login("wanjiku@tax.example", PASSWORD, "192.0.2.50")).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void theLockOutEndsAfterItsWindowAndRetryAfterCountsDown() {
        fail("wanjiku@tax.example", IP, 5);

        clock.advance(Duration.ofMinutes(10));
        assertThat(auth.login("wanjiku@tax.example", PASSWORD, IP)).isEqualTo(new LoginOutcome.Throttled(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(auth.login("wanjiku@tax.example", PASSWORD, IP)).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void attemptsWhileLockedDoNotExtendTheLockOut() {
        fail("wanjiku@tax.example", IP, 5);

        clock.advance(Duration.ofMinutes(14));
        auth.login("wanjiku@tax.example", "wrong again", IP);
        clock.advance(Duration.ofMinutes(1));

        assertThat(auth.login("wanjiku@tax.example", PASSWORD, IP)).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void aSuccessfulLoginForgetsItsAddressesFailuresForTheAccount() {
        fail("wanjiku@tax.example", IP, 4);
        auth.login("wanjiku@tax.example", PASSWORD, IP);
        fail("wanjiku@tax.example", IP, 4);

        assertThat(auth.login("wanjiku@tax.example", PASSWORD, IP)).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void twentyFailuresFromOneClientLockThatClientForEveryAccount() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i + "@tax.example", IP, 1);
        }

        assertThat(auth.login("wanjiku@tax.example", PASSWORD, IP)).isEqualTo(new LoginOutcome.Throttled(LOCKOUT));
        assertThat(auth.login("wanjiku@tax.example", PASSWORD, "198.51.100.1")).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void aSuccessDoesNotForgetTheClientsFailures() {
        for (int i = 0; i < 19; i++) {
            fail("user" + i + "@tax.example", IP, 1);
        }
        auth.login("otieno@tax.example", PASSWORD, IP);
        fail("user19@tax.example", IP, 1);

        assertThat(auth.login("wanjiku@tax.example", PASSWORD, IP)).isInstanceOf(LoginOutcome.Throttled.class);
    }

    @Test
    void parallelWrongPasswordsAreCountedBeforeTheyAreChecked() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.List<java.util.concurrent.Future<LoginOutcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                outcomes.add(pool.submit(() -> auth.login("wanjiku@tax.example", "wrong password", IP)));
            }
            long invalid = 0;
            for (java.util.concurrent.Future<LoginOutcome> outcome : outcomes) {
                invalid += outcome.get() instanceof LoginOutcome.InvalidCredentials ? 1 : 0;
            }

            assertThat(invalid).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokensAreRevokedByAPasswordChangeAndNotInheritedByARecreatedAccount() {
        UserService users = new UserService(store, hasher, clock);
        String beforeChange = ((LoginOutcome.LoggedIn) auth.login("otieno@tax.example", PASSWORD, IP)).token();

        users.changePassword("otieno@tax.example", PASSWORD, "another long passphrase");
        assertThat(auth.userFor(beforeChange)).isEmpty();

        String ofRemoved = ((LoginOutcome.LoggedIn) auth.login("otieno@tax.example", "another long passphrase", IP)).token();
        users.remove("otieno@tax.example");
        users.add("otieno@tax.example", PASSWORD, Role.ADMIN, Set.of());
        assertThat(auth.userFor(ofRemoved)).isEmpty();
    }
}
