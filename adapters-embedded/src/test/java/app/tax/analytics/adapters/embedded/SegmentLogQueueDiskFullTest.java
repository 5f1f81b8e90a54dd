package app.tax.analytics.adapters.embedded;

import static app.tax.analytics.adapters.embedded.InProcessQueueTest.START;
import static app.tax.analytics.adapters.embedded.InProcessQueueTest.events;
import static app.tax.analytics.testsupport.contract.EventQueueContract.messageIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.testsupport.FixtureRequirement;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A really full disk: the queue on a 1 MiB tmpfs, filled up by another file, so that the write fails with the
 * kernel's "No space left on device" (mounting needs root; CI requires it through {@code ANALYTICS_TEST_REQUIRE=tmpfs}).
 */
class SegmentLogQueueDiskFullTest {
    @TempDir
    Path mountPoint;
    private boolean mounted;
    private final MutableClock clock = new MutableClock(START);

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        String output = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.toString());
        if (output != null) {
            FixtureRequirement.unavailable("tmpfs", "cannot mount a 1 MiB tmpfs for the disk-full test (needs root): " + output);
        }
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mountPoint.toString());
        }
    }

    @Test
    void aFullDiskRefusesPublishesWithoutLosingAnythingAndRecoversWhenSpaceReturns() throws Exception {
        Path directory = mountPoint.resolve("queue");
        // byte limit far above the file system: the disk, not the limit, runs out
        try (SegmentLogQueue queue = SegmentLogQueue.open(directory, 100_000, 64L << 20, 16L << 20, clock)) {
            queue.publish(events("before", 20));
            Path filler = fillTheDisk();

            assertThatThrownBy(() -> queue.publish(events("refused", 20)))
                    .isInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("no space left on the disk of " + directory)
                    .hasRootCauseInstanceOf(IOException.class)
                    .rootCause().hasMessageContaining("No space left on device");
            assertThat(queue.diskFullRefusals()).isEqualTo(1);
            assertThat(queue.isReady()).as("unready while the disk is full").isFalse();
            assertThat(queue.stats().length()).as("the refused events are not queued").isEqualTo(20);
            assertThat(queue.bytesOnDisk()).as("the partial write was cut back").isEqualTo(Files.size(onlySegment(directory)));

            Files.delete(filler);
            queue.publish(events("after", 20));
            assertThat(queue.isReady()).isTrue();
            assertThat(messageIds(queue.read("worker", 100, Duration.ZERO))).hasSize(40)
                    .noneMatch(id -> id.startsWith("refused"));
        }
        try (SegmentLogQueue queue = SegmentLogQueue.open(directory, 100_000, 64L << 20, 16L << 20, clock)) {
            List<String> restored = messageIds(queue.read("worker", 100, Duration.ZERO));
            assertThat(restored).hasSize(40).noneMatch(id -> id.startsWith("refused"));
            assertThat(restored.subList(0, 20)).allMatch(id -> id.startsWith("before"));
        }
    }

    /** Writes a file until the file system is full; leaves less than one batch of events free. */
    private Path fillTheDisk() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] block = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
        return filler;
    }

    private static Path onlySegment(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(Segment.SUFFIX)).findFirst().orElseThrow();
        }
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }
}
