package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.access.ApiKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Keys that read the stats API of some sources. Errors are {@link IllegalArgumentException}s naming the field. */
public interface ManageApiKeys {

    /** A new key; {@link CreatedKey#key()} is the only time the key itself is seen. */
    CreatedKey create(String name, Set<String> sources, int minVisitors);

    List<ApiKey> list();

    /** @return false when there is no such key */
    boolean revoke(String id);

    /** The key a presented secret is, when it is one and not revoked. */
    Optional<ApiKey> keyFor(String presented);

    record CreatedKey(ApiKey apiKey, String key) {
    }
}
