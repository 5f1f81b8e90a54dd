package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.in.ManageApiKeys.CreatedKey;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.domain.access.ApiKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
    private final List<ApiKey> stored = new ArrayList<>();
    private final ApiKeyStore store = new ApiKeyStore() {
        @Override
        public void save(ApiKey key) {
            stored.add(key);
        }

        @Override
        public Optional<ApiKey> find(String id) {
            return stored.stream().filter(key -> key.id().equals(id)).findFirst();
        }

        @Override
        public List<ApiKey> list() {
            return List.copyOf(stored);
        }

        @Override
        public boolean remove(String id) {
            return stored.removeIf(key -> key.id().equals(id));
        }
    };
    private final ApiKeyService keys = new ApiKeyService(store, new MutableClock("2026-03-10T12:00:00Z"));

    @Test
    void onlyAHashOfTheKeyIsStoredAndTheKeyFindsItsRecord() {
        CreatedKey created = keys.create(" Nightly export ", Set.of("web"), 5);

        assertThat(created.key()).matches("ak_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
        assertThat(stored).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo("Nightly export");
            assertThat(key.keyHash()).isEqualTo(ApiKeyService.sha256(created.key())).doesNotContain(created.key().substring(16));
        });
        assertThat(keys.keyFor(created.key())).contains(created.apiKey());
    }

    @Test
    void aKeyWithAnotherSecretOrAFormOfItsOwnIsNoKey() {
        String key = keys.create("k", Set.of("web"), 0).key();
        String otherSecret = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        assertThat(keys.keyFor(otherSecret)).isEmpty();
        assertThat(keys.keyFor(key + "x")).isEmpty();
        assertThat(keys.keyFor("ak_")).isEmpty();
        assertThat(keys.keyFor("eyJhbGciOiJIUzI1NiJ9.e30.x")).isEmpty();
    }

    @Test
    void aRevokedKeyIsNoLongerFound() {
        CreatedKey created = keys.create("k", Set.of("web"), 0);

        assertThat(keys.revoke(created.apiKey().id())).isTrue();

        assertThat(keys.keyFor(created.key())).isEmpty();
        assertThat(keys.revoke(created.apiKey().id())).isFalse();
        assertThat(keys.revoke("../../etc")).isFalse();
    }

    @Test
    void aKeyNeedsANameAndASourceAndAFairMinimum() {
        assertThatThrownBy(() -> keys.create(" ", Set.of("web"), 0)).hasMessageStartingWith("name: ");
        assertThatThrownBy(() -> keys.create("k", Set.of(), 0)).hasMessageStartingWith("sources: ");
        assertThatThrownBy(() -> keys.create("k", Set.of("web"), 1001)).hasMessageStartingWith("minVisitors: ");
        assertThat(stored).isEmpty();
    }
}
