package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.ManageReports;
import app.tax.analytics.application.port.out.ReportMailer;
import app.tax.analytics.application.port.out.ReportMailer.DailyChart;
import app.tax.analytics.application.port.out.ReportMailer.ReportMail;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.board.ReportSchedule;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ManageReports}: admins keep the schedules; {@link #sendDueReports()} mails each schedule's newest complete
 * period (UTC) once: the overview against the period before, the top pages, and visitors per day as a chart. A
 * report the mail server did not take is tried again on the next run. Without a mailer (no {@code SMTP_HOST}), new
 * schedules are refused.
 */
public final class ReportService implements ManageReports {
    private static final System.Logger LOG = System.getLogger(ReportService.class.getName());
    private static final int TOP_PAGES = 5;
    private static final List<Metric> SUMMARY = List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.SESSIONS, Metric.BOUNCE_RATE,
            Metric.AVG_SESSION_SECONDS);

    private final ReportScheduleStore schedules;
    private final StatsReader reader;
    private final Optional<ReportMailer> mailer;
    private final Clock clock;

    public ReportService(ReportScheduleStore schedules, StatsReader reader, Optional<ReportMailer> mailer, Clock clock) {
        this.schedules = Objects.requireNonNull(schedules);
        this.reader = Objects.requireNonNull(reader);
        this.mailer = Objects.requireNonNull(mailer);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public List<ReportSchedule> list(DashboardUser admin) {
        checkAdmin(admin);
        return schedules.list();
    }

    @Override
    public ReportSchedule add(DashboardUser admin, String source, ReportSchedule.Period period, List<String> recipients) {
        checkAdmin(admin);
        ReportSchedule schedule = new ReportSchedule(UUID.randomUUID().toString(), source, period, recipients, admin.email(),
                clock.instant(), null);
        if (mailer.isEmpty()) {
            throw new IllegalStateException("e-mail reports need SMTP_HOST; none is configured");
        }
        schedules.save(schedule);
        return schedule;
    }

    @Override
    public boolean remove(DashboardUser admin, String id) {
        checkAdmin(admin);
        return schedules.remove(id);
    }

    @Override
    public int sendDueReports() {
        if (mailer.isEmpty()) {
            return 0;
        }
        int sent = 0;
        for (ReportSchedule schedule : schedules.list()) {
            Optional<LocalDate> due = schedule.due(clock.instant());
            if (due.isEmpty()) {
                continue;
            }
            try {
                mailer.get().send(report(schedule, due.get()));
                schedules.save(schedule.sent(due.get()));
                sent++;
                LOG.log(System.Logger.Level.INFO, "sent the {0} report of {1} for {2} to {3} recipients",
                        schedule.period().wireName(), schedule.source(), due.get(), schedule.recipients().size());
            } catch (ReportMailer.MailUnavailableException | StoreUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "the {0} report of {1} was not sent, will retry: {2}",
                        schedule.period().wireName(), schedule.source(), e.getMessage());
            }
        }
        return sent;
    }

    /** The e-mail of one schedule's period starting on {@code start}. */
    ReportMail report(ReportSchedule schedule, LocalDate start) {
        LocalDate end = schedule.period().next(start);
        StatsQuery query = new StatsQuery(schedule.source(), start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC, List.of());
        MetricValues now = reader.overview(query);
        MetricValues before = reader.overview(query.previousPeriod());
        List<BreakdownRow> pages = reader.breakdown(query, Dimension.of(DimensionKind.PAGE), TOP_PAGES);
        Map<LocalDate, Long> visitorsByDay = new HashMap<>();
        for (TimeseriesPoint point : reader.timeseries(query, Interval.DAY)) {
            visitorsByDay.put(point.bucketStart().toLocalDate(), point.values().count(Metric.VISITORS));
        }
        List<LocalDate> days = new ArrayList<>();
        List<Long> visitors = new ArrayList<>();
        for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
            days.add(day);
            visitors.add(visitorsByDay.getOrDefault(day, 0L));
        }
        String title = (schedule.period() == ReportSchedule.Period.WEEKLY ? "Weekly" : "Monthly") + " report for "
                + schedule.source() + ": " + start + " to " + end.minusDays(1);
        StringBuilder text = new StringBuilder(title).append("\n\n");
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\"><h2>").append(escape(title))
                .append("</h2><table cellpadding=\"4\"><tr><th align=\"left\">Metric</th><th align=\"right\">This period</th>"
                        + "<th align=\"right\">Period before</th></tr>");
        for (Metric metric : SUMMARY) {
            String label = label(metric);
            String value = format(metric, now);
            String previous = format(metric, before);
            text.append(String.format(Locale.ROOT, "%-20s %12s   (before: %s)%n", label + ":", value, previous));
            html.append("<tr><td>").append(label).append("</td><td align=\"right\"><b>").append(value)
                    .append("</b></td><td align=\"right\">").append(previous).append("</td></tr>");
        }
        html.append("</table><h3>Visitors per day</h3><img src=\"cid:").append(ReportMailer.CHART_CONTENT_ID)
                .append("\" alt=\"visitors per day\"><h3>Top pages</h3><table cellpadding=\"4\">");
        text.append("\nTop pages (visitors):\n");
        for (BreakdownRow row : pages) {
            long count = row.values().count(Metric.VISITORS);
            String page = row.value() == null ? "(no path)" : row.value();
            text.append("  ").append(page).append("  ").append(count).append('\n');
            html.append("<tr><td>").append(escape(page)).append("</td><td align=\"right\">").append(count)
                    .append("</td></tr>");
        }
        html.append("</table></body></html>");
        return new ReportMail(schedule.recipients(), title, text.toString(), html.toString(),
                new DailyChart("Visitors per day, " + schedule.source(), days, visitors));
    }

    private static String label(Metric metric) {
        return switch (metric) {
            case VISITORS -> "Visitors";
            case PAGEVIEWS -> "Pageviews";
            case SESSIONS -> "Sessions";
            case BOUNCE_RATE -> "Bounce rate";
            case AVG_SESSION_SECONDS -> "Avg. session";
            default -> metric.wireName();
        };
    }

    private static String format(Metric metric, MetricValues values) {
        return switch (metric) {
            case BOUNCE_RATE -> Math.round(values.decimal(metric) * 100) + "%";
            case AVG_SESSION_SECONDS -> Math.round(values.decimal(metric)) + " s";
            default -> Long.toString(values.count(metric));
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void checkAdmin(DashboardUser user) {
        if (user.role() != Role.ADMIN) {
            throw new AccessDeniedException("only an admin may manage e-mail reports");
        }
    }
}
