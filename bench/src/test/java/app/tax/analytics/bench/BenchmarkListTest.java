package app.tax.analytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build runs no benchmark; it checks that JMH's annotation processor generated the list the
 * benchmarks jar runs from, with every benchmark of the hot path and its baseline in it.
 */
class BenchmarkListTest {
    @Test
    void theGeneratedBenchmarkListNamesEveryBenchmarkAndItsBaseline() throws IOException {
        List<String> benchmarks;
        try (InputStream in = BenchmarkListTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList from jmh-generator-annprocess").isNotNull();
            benchmarks = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(BenchmarkListTest::classAndMethod).toList();
        }
        assertThat(benchmarks).contains(
                "CollectorBodyBenchmark.singleReadAndCollect", "CollectorBodyBenchmark.singleBaselineReadTree",
                "CollectorBodyBenchmark.batch20ReadAndCollect", "CollectorBodyBenchmark.batch20BaselineReadTree",
                "EnrichmentBenchmark.validateOne", "EnrichmentBenchmark.userAgentCached", "EnrichmentBenchmark.geoIp",
                "EnrichmentBenchmark.channel", "EnrichmentBenchmark.enrichBatchOf500",
                "QueueCodecBenchmark.encode", "QueueCodecBenchmark.decode", "QueueCodecBenchmark.decodeBaselineReadTree",
                "RowBindingBenchmark.bindEnrichedRows", "RowBindingBenchmark.appendPlainStringsBaseline",
                "RowBindingBenchmark.sessionPartsOfRows", "RowBindingBenchmark.bindSessionParts",
                "RowBindingBenchmark.appendPlainPartsBaseline",
                "StoreWriteBenchmark.processorWrite", "StoreWriteBenchmark.bulkAppenderBaseline",
                "ClickHouseStoreWriteBenchmark.processorWrite", "ClickHouseStoreWriteBenchmark.rowBinaryBulkInsertBaseline",
                "DashboardQueryBenchmark.overviewApi", "DashboardQueryBenchmark.overviewRaw", "DashboardQueryBenchmark.plainTotalsRaw",
                "DashboardQueryBenchmark.breakdownPageApi", "DashboardQueryBenchmark.breakdownPageRaw", "DashboardQueryBenchmark.funnelRaw",
                "DashboardQueryBenchmark.breakdownEntryPageRaw",
                "ClickHouseDashboardQueryBenchmark.overviewApi", "ClickHouseDashboardQueryBenchmark.overviewRaw",
                "ClickHouseDashboardQueryBenchmark.plainTotalsRaw", "ClickHouseDashboardQueryBenchmark.breakdownPageRaw",
                "ClickHouseDashboardQueryBenchmark.breakdownEntryPageApi", "ClickHouseDashboardQueryBenchmark.funnelApi");
    }

    /** A line is {@code JMH S <length> <class> S <length> <generated class> S <length> <method> ...}. */
    private static String classAndMethod(String line) {
        String[] fields = line.split(" ");
        String className = fields[3];
        return className.substring(className.lastIndexOf('.') + 1) + "." + fields[9];
    }
}
