package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.board.ReportSchedule;
import java.util.List;
import java.util.Optional;

/** Who gets which e-mail summaries, and which period each was last sent for. */
public interface ReportScheduleStore {
    /** Inserts or replaces the schedule with this id (a sent report saves its {@code lastSent}). */
    void save(ReportSchedule schedule);

    Optional<ReportSchedule> find(String id);

    /** Every schedule, by source then id. */
    List<ReportSchedule> list();

    /** @return whether one was removed */
    boolean remove(String id);
}
