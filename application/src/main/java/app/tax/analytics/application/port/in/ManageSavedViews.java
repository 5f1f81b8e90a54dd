package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.board.SavedView;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.user.DashboardUser;
import java.util.List;
import java.util.Optional;

/**
 * Saved segments and funnels. Any account that may see a source lists and saves its views (they are shared by
 * everyone who sees the source); a view is removed by its author or an admin. Refusals: {@link AccessDeniedException};
 * bad fields: {@link app.tax.analytics.domain.stats.InvalidQueryException}.
 */
public interface ManageSavedViews {
    List<SavedView> list(DashboardUser viewer, String source, SavedView.Kind kind);

    /** @param funnel null for a segment */
    SavedView save(DashboardUser author, String source, SavedView.Kind kind, String name, String filters, FunnelDefinition funnel);

    /** Empty when there is no such view of this kind, or the viewer may not see its source. */
    Optional<SavedView> find(DashboardUser viewer, String id, SavedView.Kind kind);

    /**
     * @return false when there is no such view of this kind (or the viewer may not see it)
     * @throws AccessDeniedException when the viewer is neither its author nor an admin
     */
    boolean remove(DashboardUser viewer, String id, SavedView.Kind kind);
}
