package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.board.SavedView;
import java.util.List;
import java.util.Optional;

/** Named segments and funnels per source. */
public interface SavedViewStore {
    /** Inserts or replaces the view with this id. */
    void save(SavedView view);

    Optional<SavedView> find(String id);

    /** The source's views of this kind, by name (ties by id). */
    List<SavedView> list(String source, SavedView.Kind kind);

    /** @return whether one was removed */
    boolean remove(String id);
}
