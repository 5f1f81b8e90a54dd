package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageAnnotations;
import app.tax.analytics.application.port.in.ManageReports;
import app.tax.analytics.application.port.in.ManageSavedViews;
import java.util.Objects;

/** The dashboard's own items behind {@code /api/segments}, {@code /api/funnels}, {@code /api/annotations}, {@code /api/reports}. */
public record DashboardBoard(ManageSavedViews savedViews, ManageAnnotations annotations, ManageReports reports) {
    public DashboardBoard {
        Objects.requireNonNull(savedViews, "savedViews");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(reports, "reports");
    }
}
