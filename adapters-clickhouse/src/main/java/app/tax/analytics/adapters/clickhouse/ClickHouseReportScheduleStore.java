package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.domain.board.ReportSchedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ReportScheduleStore} on the {@code report_schedules} table (V008): {@code last_sent} is an ISO date, empty before the first report. */
final class ClickHouseReportScheduleStore implements ReportScheduleStore {
    private static final List<String> COLUMNS = List.of("source", "period", "recipients", "created_by", "created_at", "last_sent");

    private final ClickHouseBoardTables tables;

    ClickHouseReportScheduleStore(ClickHouseBoardTables tables) {
        this.tables = Objects.requireNonNull(tables);
    }

    @Override
    public void save(ReportSchedule schedule) {
        append(schedule, false, "save a report schedule");
    }

    @Override
    public Optional<ReportSchedule> find(String id) {
        return tables.select(newest().add(" WHERE id = ").text(id).add(ClickHouseBoardTables.LIVE),
                ClickHouseReportScheduleStore::schedule).stream().findFirst();
    }

    @Override
    public List<ReportSchedule> list() {
        return tables.select(newest().add(ClickHouseBoardTables.LIVE + " ORDER BY c_source, id"), ClickHouseReportScheduleStore::schedule);
    }

    @Override
    public boolean remove(String id) {
        Optional<ReportSchedule> existing = find(id);
        existing.ifPresent(schedule -> append(schedule, true, "remove a report schedule"));
        return existing.isPresent();
    }

    private static BoundSql newest() {
        return ClickHouseBoardTables.newest("report_schedules", COLUMNS, List.of("created_at"));
    }

    private void append(ReportSchedule schedule, boolean deleted, String what) {
        tables.execute(new BoundSql().add("INSERT INTO report_schedules (id, source, period, recipients, created_by, created_at,"
                        + " last_sent, version, deleted) SELECT ")
                .text(schedule.id()).add(", ").text(schedule.source()).add(", ").text(schedule.period().wireName()).add(", ")
                .textArray(schedule.recipients()).add(", ").text(schedule.createdBy()).add(", ").time(schedule.createdAt())
                .add(", ").text(schedule.lastSent() == null ? "" : schedule.lastSent().toString())
                .add(", ").integer("UInt64", tables.nextVersion()).add(", ").integer("UInt8", deleted ? 1 : 0), what);
    }

    private static ReportSchedule schedule(ResultSet rows) throws SQLException {
        List<String> recipients = new ArrayList<>();
        for (Object recipient : (Object[]) rows.getArray("c_recipients").getArray()) {
            recipients.add(String.valueOf(recipient));
        }
        String lastSent = rows.getString("c_last_sent");
        return new ReportSchedule(rows.getString("id"), rows.getString("c_source"),
                ReportSchedule.Period.fromWire(rows.getString("c_period")), recipients, rows.getString("c_created_by"),
                Instant.ofEpochMilli(rows.getLong("ms_created_at")), lastSent.isEmpty() ? null : LocalDate.parse(lastSent));
    }
}
