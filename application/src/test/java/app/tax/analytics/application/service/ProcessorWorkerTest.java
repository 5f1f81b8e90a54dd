package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.in.ProcessEvents;
import app.tax.analytics.application.port.in.ProcessEvents.BatchOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessorWorkerTest {

    @Test
    void keepsGoingThroughStoreFailuresAndQueueErrorsUntilStopped() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch recovered = new CountDownLatch(1);
        ProcessEvents scripted = () -> {
            switch (seen.size()) {
                case 0:
                    seen.add("store failed");
                    return new BatchOutcome.StoreFailed(3, "store down");
                case 1:
                    seen.add("queue error");
                    throw new IllegalStateException("queue unreachable");
                default:
                    seen.add("written");
                    recovered.countDown();
                    return new BatchOutcome.Written(3, 0);
            }
        };
        ProcessorWorker worker = new ProcessorWorker(scripted, "processor-test").start();

        assertThat(recovered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.stop(Duration.ofSeconds(30))).isTrue();
        assertThat(seen).startsWith("store failed", "queue error", "written");
    }

    @Test
    void closeStopsAnIdleWorker() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        ProcessorWorker worker = new ProcessorWorker(() -> {
            running.countDown();
            return new BatchOutcome.Idle();
        }, "processor-idle-test").start();

        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        worker.close();
        assertThat(worker.stop(Duration.ZERO)).as("already stopped").isTrue();
    }
}
