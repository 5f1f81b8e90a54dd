package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;

/**
 * Who may do what with the items of a source's board (annotations, saved views): whoever may see the source lists and
 * adds them; only an item's author or an admin removes it.
 */
final class BoardAccess {
    private BoardAccess() {
    }

    static void checkMaySee(DashboardUser viewer, String source) {
        if (!viewer.maySee(source)) {
            throw new AccessDeniedException("no access to source '" + source + "'");
        }
    }

    /** @param item the item, for the error, e.g. "note" */
    static void checkMayRemove(DashboardUser viewer, String createdBy, String item) {
        if (viewer.role() != Role.ADMIN && !createdBy.equals(viewer.email())) {
            throw new AccessDeniedException("only its author or an admin may remove this " + item);
        }
    }
}
