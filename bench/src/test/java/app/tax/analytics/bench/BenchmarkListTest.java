package app.tax.analytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The build runs no benchmark; it checks that JMH's annotation processor generated the list the
 * benchmarks jar runs from, with every benchmark of the hot path and its baseline in it.
 */
class BenchmarkListTest {
    @Test
    void theGeneratedBenchmarkListNamesEveryBenchmarkAndItsBaseline() throws IOException {
        String list;
        try (InputStream in = BenchmarkListTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList from jmh-generator-annprocess").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(list).contains(
                "CollectorBodyBenchmark.singleReadAndCollect", "CollectorBodyBenchmark.singleBaselineReadTree",
                "CollectorBodyBenchmark.batch20ReadAndCollect", "CollectorBodyBenchmark.batch20BaselineReadTree",
                "EnrichmentBenchmark.validateOne", "EnrichmentBenchmark.userAgentCached", "EnrichmentBenchmark.geoIp",
                "EnrichmentBenchmark.channel", "EnrichmentBenchmark.enrichBatchOf500",
                "QueueCodecBenchmark.encode", "QueueCodecBenchmark.decode", "QueueCodecBenchmark.decodeBaselineReadTree",
                "RowBindingBenchmark.bindEnrichedRows", "RowBindingBenchmark.appendPlainStringsBaseline",
                "StoreWriteBenchmark.processorWrite", "StoreWriteBenchmark.bulkAppenderBaseline");
    }
}
