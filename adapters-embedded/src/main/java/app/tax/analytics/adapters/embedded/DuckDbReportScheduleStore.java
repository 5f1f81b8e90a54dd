package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.domain.board.ReportSchedule;
import java.time.LocalDate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ReportScheduleStore} in the DuckDB file: {@code last_sent} is an ISO date, empty before the first report. */
final class DuckDbReportScheduleStore implements ReportScheduleStore {
    private static final String SCHEDULE_COLUMNS = "SELECT id, source, period, CAST(recipients AS VARCHAR), created_by,"
            + " epoch_ms(created_at), last_sent FROM report_schedules";

    private final DuckDbRows rows;

    DuckDbReportScheduleStore(DuckDbRows rows) {
        this.rows = Objects.requireNonNull(rows);
    }

    @Override
    public void save(ReportSchedule schedule) {
        rows.update(new Sql().add("INSERT OR REPLACE INTO report_schedules (id, source, period, recipients, created_by, created_at, last_sent)"
                        + " VALUES (?, ?, ?, ?, ?, make_timestamp(?), ?)", schedule.id(), schedule.source(),
                schedule.period().wireName(), Json.write(schedule.recipients()), schedule.createdBy(), DuckDbRows.micros(schedule.createdAt()),
                schedule.lastSent() == null ? "" : schedule.lastSent().toString()), "save a report schedule");
    }

    @Override
    public Optional<ReportSchedule> find(String id) {
        return rows.select(new Sql().add(SCHEDULE_COLUMNS + " WHERE id = ?", id), DuckDbReportScheduleStore::schedule, DuckDbBoardTables.ITEMS).stream().findFirst();
    }

    @Override
    public List<ReportSchedule> list() {
        return rows.select(new Sql().add(SCHEDULE_COLUMNS + " ORDER BY source, id"), DuckDbReportScheduleStore::schedule, DuckDbBoardTables.ITEMS);
    }

    @Override
    public boolean remove(String id) {
        return rows.update(new Sql().add("DELETE FROM report_schedules WHERE id = ?", id), "remove a report schedule") > 0;
    }

    private static ReportSchedule schedule(ResultSet rows) throws SQLException {
        String lastSent = rows.getString(7);
        return new ReportSchedule(rows.getString(1), rows.getString(2), ReportSchedule.Period.fromWire(rows.getString(3)),
                Json.readStrings(rows.getString(4)), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
                lastSent.isEmpty() ? null : LocalDate.parse(lastSent));
    }

}
