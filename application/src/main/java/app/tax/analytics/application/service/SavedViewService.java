package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.ManageSavedViews;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.domain.board.SavedView;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link ManageSavedViews} over a {@link SavedViewStore}. */
public final class SavedViewService implements ManageSavedViews {
    private final SavedViewStore store;
    private final Clock clock;

    public SavedViewService(SavedViewStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public List<SavedView> list(DashboardUser viewer, String source, SavedView.Kind kind) {
        BoardAccess.checkMaySee(viewer, source);
        return store.list(source, kind);
    }

    @Override
    public SavedView save(DashboardUser author, String source, SavedView.Kind kind, String name, String filters,
                          FunnelDefinition funnel) {
        SavedView view = new SavedView(UUID.randomUUID().toString(), source, kind, name, filters, funnel, author.email(),
                clock.instant());
        BoardAccess.checkMaySee(author, source);
        store.save(view);
        return view;
    }

    @Override
    public Optional<SavedView> find(DashboardUser viewer, String id, SavedView.Kind kind) {
        return store.find(id).filter(view -> view.kind() == kind && viewer.maySee(view.source()));
    }

    @Override
    public boolean remove(DashboardUser viewer, String id, SavedView.Kind kind) {
        Optional<SavedView> found = find(viewer, id, kind);
        if (found.isEmpty()) {
            return false;
        }
        BoardAccess.checkMayRemove(viewer, found.get().createdBy(), "view");
        return store.remove(id);
    }
}
