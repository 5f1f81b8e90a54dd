package app.tax.analytics.domain.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.domain.stats.InvalidQueryException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {
    private static final Instant WEDNESDAY = Instant.parse("2026-11-04T10:00:00Z");

    private static ReportSchedule schedule(ReportSchedule.Period period, Instant createdAt) {
        return new ReportSchedule("r", "web", period, List.of("A@Tax.app", "a@tax.app", "b@tax.app"), "admin@tax.app", createdAt, null);
    }

    @Test
    void aNewWeeklyScheduleOwesTheLastCompleteWeekThenEachWeekOnce() {
        ReportSchedule weekly = schedule(ReportSchedule.Period.WEEKLY, WEDNESDAY);
        assertThat(weekly.due(WEDNESDAY)).contains(LocalDate.parse("2026-10-26"));
        ReportSchedule sent = weekly.sent(LocalDate.parse("2026-10-26"));
        assertThat(sent.due(Instant.parse("2026-11-08T23:59:59Z"))).as("this week is not over").isEmpty();
        assertThat(sent.due(Instant.parse("2026-11-09T00:00:00Z"))).contains(LocalDate.parse("2026-11-02"));
        assertThat(sent.due(Instant.parse("2026-11-25T00:00:00Z"))).as("a missed week is skipped, the newest is sent")
                .contains(LocalDate.parse("2026-11-16"));
    }

    @Test
    void aMonthlyScheduleOwesCalendarMonths() {
        ReportSchedule monthly = schedule(ReportSchedule.Period.MONTHLY, WEDNESDAY);
        assertThat(monthly.due(WEDNESDAY)).contains(LocalDate.parse("2026-10-01"));
        assertThat(monthly.sent(LocalDate.parse("2026-10-01")).due(Instant.parse("2026-12-01T00:00:00Z")))
                .contains(LocalDate.parse("2026-11-01"));
        assertThat(monthly.sent(LocalDate.parse("2026-11-01")).due(Instant.parse("2026-12-31T00:00:00Z"))).isEmpty();
    }

    @Test
    void recipientsAreNormalizedAndCheckedByField() {
        assertThat(schedule(ReportSchedule.Period.WEEKLY, WEDNESDAY).recipients()).containsExactly("a@tax.app", "b@tax.app");
        assertThatThrownBy(() -> new ReportSchedule("r", "web", ReportSchedule.Period.WEEKLY, List.of("nobody"), "admin@tax.app",
                WEDNESDAY, null)).isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("recipients:");
        assertThatThrownBy(() -> ReportSchedule.Period.fromWire("daily")).hasMessageStartingWith("period:");
    }
}
