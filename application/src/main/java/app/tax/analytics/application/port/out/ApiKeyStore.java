package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.access.ApiKey;
import java.util.List;
import java.util.Optional;

/**
 * API keys, in the analytics database so that every dashboard instance sees a revocation at once (reads are
 * not cached).
 */
public interface ApiKeyStore {
    void save(ApiKey key);

    Optional<ApiKey> find(String id);

    /** Oldest first. */
    List<ApiKey> list();

    /** @return whether there was such a key */
    boolean remove(String id);
}
