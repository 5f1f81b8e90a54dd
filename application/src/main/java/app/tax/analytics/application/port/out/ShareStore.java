package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.access.Share;
import java.util.List;
import java.util.Optional;

/** Shared links, in the analytics database (every dashboard instance sees a deletion at once). */
public interface ShareStore {
    void save(Share share);

    Optional<Share> find(String id);

    /** Oldest first. */
    List<Share> list();

    /** @return whether there was such a share */
    boolean remove(String id);
}
