package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.in.OpenShares.UnlockOutcome;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.testing.FakeTokenCodec;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.domain.access.Share;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareServiceTest {
    private static final String PASSWORD = "the board's own password";

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final Map<String, Share> stored = new LinkedHashMap<>();
    private final ShareStore store = new ShareStore() {
        @Override
        public void save(Share share) {
            stored.put(share.id(), share);
        }

        @Override
        public Optional<Share> find(String id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public List<Share> list() {
            return List.copyOf(stored.values());
        }

        @Override
        public boolean remove(String id) {
            return stored.remove(id) != null;
        }
    };
    private final FakeTokenCodec tokens = new FakeTokenCodec(clock);
    private final ShareService shares = new ShareService(store, new PasswordHasher(1000), tokens, clock);

    @Test
    void aShareWithoutAPasswordIsReadableWithoutAToken() {
        Share share = shares.create("web", null, List.of(), 0);

        assertThat(share.id()).matches("[A-Za-z0-9_-]{22}");
        assertThat(shares.readable(share.id(), null)).contains(share);
    }

    @Test
    void thePasswordIsHashedAndItsTokenOpensThatShareOnlyForEightHours() {
        Share share = shares.create("web", PASSWORD, List.of(), 0);
        Share other = shares.create("web", PASSWORD, List.of(), 0);
        assertThat(share.passwordHash()).startsWith("pbkdf2-sha256$").doesNotContain(PASSWORD);
        assertThat(shares.readable(share.id(), null)).isEmpty();

        UnlockOutcome outcome = shares.unlock(share.id(), PASSWORD, "203.0.113.9");

        String token = ((UnlockOutcome.Unlocked) outcome).token();
        assertThat(shares.readable(share.id(), token)).contains(share);
        assertThat(shares.readable(other.id(), token)).isEmpty();
        clock.advance(Duration.ofHours(8));
        assertThat(shares.readable(share.id(), token)).isEmpty();
    }

    @Test
    void wrongPasswordsAreThrottledPerShareAndAddress() {
        Share share = shares.create("web", PASSWORD, List.of(), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(shares.unlock(share.id(), "guess " + i, "203.0.113.9")).isInstanceOf(UnlockOutcome.WrongPassword.class);
        }

        assertThat(shares.unlock(share.id(), PASSWORD, "203.0.113.9")).isInstanceOf(UnlockOutcome.Throttled.class);
        assertThat(shares.unlock(share.id(), PASSWORD, "198.51.100.7")).as("another address").isInstanceOf(UnlockOutcome.Unlocked.class);
    }

    @Test
    void aDeletedShareIsGoneAndItsTokenWithIt() {
        Share share = shares.create("web", PASSWORD, List.of(), 0);
        String token = ((UnlockOutcome.Unlocked) shares.unlock(share.id(), PASSWORD, null)).token();

        assertThat(shares.delete(share.id())).isTrue();

        assertThat(shares.readable(share.id(), token)).isEmpty();
        assertThat(shares.unlock(share.id(), PASSWORD, null)).isInstanceOf(UnlockOutcome.NotFound.class);
        assertThat(shares.delete(share.id())).isFalse();
    }

    @Test
    void embedOriginsAreNormalizedAndCheckedAndWeakPasswordsRefused() {
        Share share = shares.create("web", null, List.of("HTTPS://Intranet.Tax.App", "https://intranet.tax.app"), 0);

        assertThat(share.embedOrigins()).containsExactly("https://intranet.tax.app");
        assertThatThrownBy(() -> shares.create("web", null, List.of("javascript:alert(1)"), 0)).hasMessageStartingWith("embedOrigins: ");
        assertThatThrownBy(() -> shares.create("web", null, List.of("https://a.tax.app/x"), 0)).hasMessageStartingWith("embedOrigins: ");
        assertThatThrownBy(() -> shares.create("web", "short", List.of(), 0)).hasMessageStartingWith("password must have");
        assertThatThrownBy(() -> shares.create("no such source!", null, List.of(), 0)).hasMessageStartingWith("source: ");
    }

    @Test
    void aShareTokenIsNoSignInToken() {
        Share share = shares.create("web", PASSWORD, List.of(), 0);
        String token = ((UnlockOutcome.Unlocked) shares.unlock(share.id(), PASSWORD, null)).token();

        assertThat(tokens.verify(token).orElseThrow().subject()).isEqualTo("share:" + share.id());
        assertThat(ShareService.isShareSubject("share:" + share.id())).isTrue();
        assertThat(ShareService.isShareSubject("admin@tax.app")).isFalse();
    }
}
