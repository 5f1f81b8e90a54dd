package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.access.ApiKey;
import app.tax.analytics.domain.access.Share;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the {@link ApiKeyStore} and {@link ShareStore} of every store (DuckDB, ClickHouse): what is
 * saved is read back field for field, a removal holds at once (the next read no longer finds it), and lists are
 * oldest first; and the {@link UserStore} keeps a viewer's small-count limit. A store's test class extends this
 * one and supplies empty stores before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AccessStoreContract {
    private static final Instant CREATED = Instant.parse("2026-11-30T10:15:30.123Z");

    protected abstract ApiKeyStore apiKeys();

    protected abstract ShareStore shares();

    protected abstract UserStore users();

    /** Empties both stores. */
    protected abstract void empty();

    @BeforeEach
    void startEmpty() {
        empty();
    }

    private static ApiKey key(String id, Instant createdAt) {
        return new ApiKey(id, "Nightly export", Set.of("web", "app"), 5, "ab".repeat(32), createdAt);
    }

    private static Share share(String id, String passwordHash, Instant createdAt) {
        return new Share(id, "web", passwordHash, List.of("https://intranet.tax.app", "http://localhost:8080"), 10, createdAt);
    }

    @Test
    void aSavedKeyIsFoundWithEveryField() {
        ApiKey saved = key("k0000000000a", CREATED);
        apiKeys().save(saved);

        assertThat(apiKeys().find("k0000000000a")).contains(saved);
        assertThat(apiKeys().find("k0000000000b")).isEmpty();
    }

    @Test
    void aRevokedKeyIsGoneAtOnceAndStaysGone() {
        apiKeys().save(key("k0000000000a", CREATED));
        apiKeys().save(key("k0000000000b", CREATED.plusSeconds(1)));

        assertThat(apiKeys().remove("k0000000000a")).isTrue();

        assertThat(apiKeys().find("k0000000000a")).isEmpty();
        assertThat(apiKeys().list()).extracting(ApiKey::id).containsExactly("k0000000000b");
        assertThat(apiKeys().remove("k0000000000a")).as("a second revocation").isFalse();
        assertThat(apiKeys().remove("k00000000zzz")).as("an unknown key").isFalse();
    }

    @Test
    void keysAreListedOldestFirst() {
        apiKeys().save(key("k0000000000b", CREATED.plusSeconds(60)));
        apiKeys().save(key("k0000000000a", CREATED));

        assertThat(apiKeys().list()).extracting(ApiKey::id).containsExactly("k0000000000a", "k0000000000b");
    }

    @Test
    void aViewersSmallCountLimitIsKeptAndSurvivesAPasswordChange() {
        DashboardUser viewer = new DashboardUser("limited@tax.app", Role.VIEWER, "pbkdf2-sha256$1000$c2FsdA$aGFzaA",
                Set.of("web"), CREATED, 42, 5);
        users().save(viewer);

        assertThat(users().find("limited@tax.app")).contains(viewer);
        users().save(viewer.withPasswordHash("pbkdf2-sha256$1000$c2FsdA$b3RoZXI"));
        assertThat(users().find("limited@tax.app").orElseThrow().minVisitors()).isEqualTo(5);
    }

    @Test
    void aSavedShareIsFoundWithEveryFieldWithOrWithoutAPassword() {
        Share withPassword = share("AAAAAAAAAAAAAAAAAAAAAA", "pbkdf2-sha256$1000$c2FsdA$aGFzaA", CREATED);
        Share open = share("BBBBBBBBBBBBBBBBBBBB-_", null, CREATED.plusSeconds(1));
        shares().save(withPassword);
        shares().save(open);

        assertThat(shares().find("AAAAAAAAAAAAAAAAAAAAAA")).contains(withPassword);
        assertThat(shares().find("BBBBBBBBBBBBBBBBBBBB-_")).contains(open);
        assertThat(shares().find("BBBBBBBBBBBBBBBBBBBB-_").orElseThrow().password()).isEmpty();
        assertThat(shares().list()).containsExactly(withPassword, open);
    }

    @Test
    void aDeletedShareIsGoneAtOnce() {
        shares().save(share("AAAAAAAAAAAAAAAAAAAAAA", null, CREATED));

        assertThat(shares().remove("AAAAAAAAAAAAAAAAAAAAAA")).isTrue();

        assertThat(shares().find("AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(shares().list()).isEmpty();
        assertThat(shares().remove("AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    }
}
