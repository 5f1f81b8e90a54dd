package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.querymodel.SqlStatsReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The ports on one shared driver connection. */
record ClickHouseStore(ClickHouseClient client, EventStore events, StatsReader stats, UserStore users, ApiKeyStore apiKeys,
                       ShareStore shares, AnnotationStore annotations, SavedViewStore savedViews,
                       ReportScheduleStore reportSchedules)
        implements ClickHouseConnection {
    private static final String DISKS = "SELECT hostName(), name, free_space, total_space FROM system.disks ORDER BY name";

    /** @param cluster the cluster of the replicated layout, or null on one server */
    static ClickHouseStore on(ClickHouseClient client, String cluster) {
        ClickHouseBoardTables board = new ClickHouseBoardTables(client);
        return new ClickHouseStore(client, new ClickHouseEventStore(client, cluster),
                new SqlStatsReader("ClickHouse", ClickHouseDialect.INSTANCE, (sql, reader) -> client.query(BoundSql.of(sql), reader::read)),
                new ClickHouseUserStore(client), new ClickHouseApiKeyStore(client), new ClickHouseShareStore(client),
                new ClickHouseAnnotationStore(board), new ClickHouseSavedViewStore(board), new ClickHouseReportScheduleStore(board));
    }

    @Override
    public List<ClickHouseDisk> disks() {
        try {
            return client.query(new BoundSql().add(DISKS), rows -> {
                List<ClickHouseDisk> disks = new ArrayList<>();
                while (rows.next()) {
                    disks.add(new ClickHouseDisk(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
                }
                return disks;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not list its disks: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReady() {
        return client.isReachable();
    }

    @Override
    public void close() {
        client.close();
    }
}
