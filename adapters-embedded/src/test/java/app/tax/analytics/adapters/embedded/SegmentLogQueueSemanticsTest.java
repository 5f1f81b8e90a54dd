package app.tax.analytics.adapters.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue contract and every test of the in-memory queue, against the durable queue (its state in memory plus the
 * log).
 */
class SegmentLogQueueSemanticsTest extends InProcessQueueTest {
    @TempDir
    Path dataDir;
    private final List<SegmentLogQueue> opened = new ArrayList<>();

    @Override
    EmbeddedQueue newQueue(int capacity, Clock queueClock) {
        try {
            Path directory = Files.createTempDirectory(dataDir, "queue");
            SegmentLogQueue queue = SegmentLogQueue.open(directory, capacity, 64L << 20, 1L << 20, queueClock);
            opened.add(queue);
            return queue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(SegmentLogQueue::close);
    }
}
