package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.board.ReportSchedule;
import app.tax.analytics.domain.user.DashboardUser;
import java.util.List;

/**
 * E-mail reports: admins only (a report sends a source's numbers to any address), else {@link AccessDeniedException}.
 */
public interface ManageReports {
    List<ReportSchedule> list(DashboardUser admin);

    ReportSchedule add(DashboardUser admin, String source, ReportSchedule.Period period, List<String> recipients);

    /** @return whether one was removed */
    boolean remove(DashboardUser admin, String id);

    /** Sends every report that is due now; returns how many were sent. Runs where the scheduler holds its lock. */
    int sendDueReports();
}
