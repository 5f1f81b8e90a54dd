package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.http.DashboardBoard;
import app.tax.analytics.application.port.in.ManageReports;
import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.ReportMailer;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.service.AnnotationService;
import app.tax.analytics.application.service.ReportService;
import app.tax.analytics.application.service.SavedViewService;
import java.time.Clock;
import java.util.Optional;

/** The dashboard's own items (saved views, annotations, e-mail reports), wired alike by every role with a dashboard. */
record BoardWiring(DashboardBoard api, ManageReports reports) {
    static BoardWiring of(StatsReader stats, AnnotationStore annotations, SavedViewStore views, ReportScheduleStore schedules,
                          Optional<ReportMailer> mailer) {
        Clock clock = Clock.systemUTC();
        ReportService reports = new ReportService(schedules, stats, mailer, clock);
        return new BoardWiring(new DashboardBoard(new SavedViewService(views, clock), new AnnotationService(annotations, stats), reports),
                reports);
    }
}
