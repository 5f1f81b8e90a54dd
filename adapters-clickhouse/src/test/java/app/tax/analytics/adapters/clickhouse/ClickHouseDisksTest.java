package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The disk figures behind the disk-usage metric, read from the engine's own system.disks. */
class ClickHouseDisksTest {
    @Test
    void listsTheServersDisksWithTheirSizes() {
        try (ClickHouseTestDatabase database = ClickHouseTestDatabase.migrated("disks")) {
            List<ClickHouseDisk> disks = database.connection.disks();

            assertThat(disks).extracting(ClickHouseDisk::name).contains("default");
            ClickHouseDisk disk = disks.stream().filter(d -> d.name().equals("default")).findFirst().orElseThrow();
            assertThat(disk.host()).isNotBlank();
            assertThat(disk.totalBytes()).isPositive();
            assertThat(disk.freeBytes()).isBetween(0L, disk.totalBytes());
            assertThat(disk.usedRatio()).isEqualTo(1.0 - (double) disk.freeBytes() / disk.totalBytes());
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsReportedAsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClickHouseSettings nowhere = new ClickHouseSettings("127.0.0.1", closedPort, "analytics", "default", "", "compress=false");
        try (ClickHouseConnection connection = ClickHouseAdapters.connect(nowhere)) {
            assertThatThrownBy(connection::disks).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("ClickHouse did not list its disks")
                    .as("the root cause, not only the driver's 'Query request failed'").hasMessageContaining("Connection refused");
        }
    }

    @Test
    void usedRatioOfADiskOfUnknownSizeIsZero() {
        assertThat(new ClickHouseDisk("h", "s3", 0, 0).usedRatio()).isZero();
        assertThat(new ClickHouseDisk("h", "d", 25, 100).usedRatio()).isEqualTo(0.75);
        assertThatThrownBy(() -> new ClickHouseDisk("h", "d", -1, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
