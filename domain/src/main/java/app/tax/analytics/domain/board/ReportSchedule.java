package app.tax.analytics.domain.board;

import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An e-mail summary of one source, sent to its recipients after each complete period (UTC weeks from Monday,
 * calendar months).
 *
 * @param lastSent the first day of the newest period already sent, or null before the first report
 */
public record ReportSchedule(String id, String source, Period period, List<String> recipients, String createdBy,
                             Instant createdAt, LocalDate lastSent) {
    public static final int MAX_RECIPIENTS = 20;

    public enum Period {
        WEEKLY, MONTHLY;

        public String wireName() {
            return WireNames.of(this);
        }

        public static Period fromWire(String name) {
            return WireNames.find(Period.class, name).orElseThrow(() -> new InvalidQueryException("period", "unknown '" + name + "'; weekly or monthly"));
        }

        /** The first day of the period that holds {@code day}. */
        public LocalDate startOf(LocalDate day) {
            return this == WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
        }

        public LocalDate next(LocalDate start) {
            return this == WEEKLY ? start.plusWeeks(1) : start.plusMonths(1);
        }

        public LocalDate previous(LocalDate start) {
            return this == WEEKLY ? start.minusWeeks(1) : start.minusMonths(1);
        }
    }

    public ReportSchedule {
        BoardItemChecks.requireIdAndSource("a report schedule", id, source);
        Objects.requireNonNull(period, "period");
        if (recipients == null || recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidQueryException("recipients", "is required: 1-" + MAX_RECIPIENTS + " e-mail addresses");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (String recipient : recipients) {
            try {
                addresses.add(DashboardUser.normalizeEmail(recipient));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("recipients", "'" + recipient + "' is not an e-mail address");
            }
        }
        recipients = List.copyOf(addresses);
        BoardItemChecks.requireAuthor("a report schedule", createdBy);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The first day of the newest complete period at {@code now} when it is not sent yet; empty when it is.
     * A new schedule first sends the period completed before it was made, so its recipients see a report right away.
     */
    public java.util.Optional<LocalDate> due(Instant now) {
        LocalDate current = period.startOf(LocalDate.ofInstant(now, ZoneOffset.UTC));
        LocalDate newestComplete = period.previous(current);
        LocalDate firstOwed = period.previous(period.startOf(LocalDate.ofInstant(createdAt, ZoneOffset.UTC)));
        if (newestComplete.isBefore(firstOwed) || (lastSent != null && !lastSent.isBefore(newestComplete))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(newestComplete);
    }

    public ReportSchedule sent(LocalDate periodStart) {
        return new ReportSchedule(id, source, period, recipients, createdBy, createdAt, periodStart);
    }
}
