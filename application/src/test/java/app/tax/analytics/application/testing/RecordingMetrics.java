package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.PipelineMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds up what the core reports. */
public final class RecordingMetrics implements PipelineMetrics {
    private final Map<String, Integer> accepted = new LinkedHashMap<>();
    private final Map<String, Integer> rejected = new LinkedHashMap<>();
    private final List<Integer> written = new ArrayList<>();
    private final List<Integer> failed = new ArrayList<>();
    private int deadLettered;

    @Override
    public synchronized void eventsAccepted(String source, int count) {
        accepted.merge(source, count, Integer::sum);
    }

    @Override
    public synchronized void eventsRejected(String reason, int count) {
        rejected.merge(reason, count, Integer::sum);
    }

    @Override
    public synchronized void batchWritten(int size, Duration insertLatency) {
        written.add(size);
    }

    @Override
    public synchronized void batchFailed(int size) {
        failed.add(size);
    }

    @Override
    public synchronized void deadLettered(int count) {
        deadLettered += count;
    }

    public synchronized Map<String, Integer> accepted() {
        return Map.copyOf(accepted);
    }

    public synchronized Map<String, Integer> rejected() {
        return Map.copyOf(rejected);
    }

    public synchronized List<Integer> batchesWritten() {
        return List.copyOf(written);
    }

    public synchronized List<Integer> batchesFailed() {
        return List.copyOf(failed);
    }

    public synchronized int deadLettered() {
        return deadLettered;
    }
}
