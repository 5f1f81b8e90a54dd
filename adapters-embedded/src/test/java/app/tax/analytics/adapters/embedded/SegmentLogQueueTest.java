package app.tax.analytics.adapters.embedded;

import static app.tax.analytics.adapters.embedded.InProcessQueueTest.START;
import static app.tax.analytics.adapters.embedded.InProcessQueueTest.events;
import static app.tax.analytics.testsupport.contract.EventQueueContract.messageIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the durable queue adds: restart, torn and corrupt files, file deletion, the byte limit, group commit. */
class SegmentLogQueueTest {
    private static final long MAX_BYTES = 64L << 20;
    private static final long SEGMENT_BYTES = 1L << 20;
    @TempDir
    Path directory;
    private final MutableClock clock = new MutableClock(START);

    private SegmentLogQueue open() {
        return open(MAX_BYTES, SEGMENT_BYTES);
    }

    private SegmentLogQueue open(long maxBytes, long segmentBytes) {
        return SegmentLogQueue.open(directory, 10_000, maxBytes, segmentBytes, clock);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(Segment.SUFFIX)).sorted().toList();
        }
    }

    private static List<String> readAll(SegmentLogQueue queue) {
        return messageIds(queue.read("worker", 100_000, Duration.ZERO));
    }

    @Test
    void aRestartQueuesAgainWhatWasNotAcknowledgedWithItsDeadLetters() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 5));
            List<QueuedEvent> delivered = queue.read("worker", 3, Duration.ZERO);
            queue.ack(delivered.subList(0, 2));
            queue.deadLetter(delivered.get(2), "delivered 6 times without being stored");
        }
        clock.advance(Duration.ofSeconds(30));
        try (SegmentLogQueue queue = open()) {
            assertThat(queue.stats().length()).isEqualTo(2);
            assertThat(queue.stats().lag()).as("publication time kept").isEqualTo(Duration.ofSeconds(30));
            List<QueuedEvent> again = queue.read("worker", 10, Duration.ZERO);
            assertThat(messageIds(again)).containsExactly("a3", "a4");
            assertThat(again).allSatisfy(e -> assertThat(e.deliveries()).isEqualTo(1));
            assertThat(queue.memory().deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.event().messageId()).isEqualTo("a2");
                assertThat(d.error()).isEqualTo("delivered 6 times without being stored");
            });
            queue.publish(events("b", 1));
            List<QueuedEvent> next = queue.read("worker", 10, Duration.ZERO);
            assertThat(Long.parseLong(next.get(0).entryId())).as("sequences continue after the old ones")
                    .isGreaterThan(Long.parseLong(again.get(1).entryId()));
            queue.ack(again);
        }
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).containsExactly("b0");
        }
    }

    @Test
    void everyFieldOfAnEventSurvivesTheDisk() throws Exception {
        Instant at = Instant.parse("2024-03-09T10:00:00.123456789Z");
        EventContext context = new EventContext("203.0.113.9", "Mozilla/5.0 (X11; Linux) Firefox/123.0",
                new PageInfo("https://tax.app/pricing?x=1", "/pricing", "https://duck.com/", "Pricing – Tax app", "?x=1"),
                new Campaign("news", "email", "spring", "tax", "hero"), "de-DE", "Europe/Berlin", "s-1", "analytics.js", "5.2.0",
                Map.of("screen", Map.of("width", 1280, "height", 720), "app", List.of("a", 1.5, true)));
        Event event = new Event("web", EventType.TRACK, "m-1", "user-7", "anon-7", at, at.minusSeconds(2), at.minusMillis(5),
                at.plusMillis(3), "Return Filed", null, "group-1", "prev-1", context,
                Map.of("plan", "pro", "price", 49.9, "seats", 3, "nested", Map.of("ok", false)), Map.of("email", "ü@tax.app"));
        try (SegmentLogQueue queue = open()) {
            queue.publish(List.of(event));
        }
        try (SegmentLogQueue queue = open()) {
            assertThat(queue.read("worker", 1, Duration.ZERO)).singleElement()
                    .satisfies(e -> assertThat(e.event()).isEqualTo(event));
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndNothingBeforeItIsLost() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 10));
        }
        Path segment = segmentFiles().get(0);
        long intact = Files.size(segment);
        // A crash in the middle of the next write: a record header promising 500 bytes, and 120 of them.
        ByteBuffer torn = ByteBuffer.allocate(128).putInt(500).putInt(0x1234_5678);
        append(segment, torn.array());

        try (SegmentLogQueue queue = open()) {
            assertThat(Files.size(segment)).as("the torn bytes are cut off").isEqualTo(intact);
            assertThat(readAll(queue)).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
            queue.publish(events("b", 1));
        }
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).as("what came after the cut is intact").hasSize(11).endsWith("b0");
        }
    }

    @Test
    void aPublishCutShortAtAnyByteIsDroppedWholeAndNothingBeforeItIsLost() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 3));
        }
        Path segment = segmentFiles().get(0);
        long before = Files.size(segment);
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("b", 50));
        }
        long after = Files.size(segment);
        byte[] whole = Files.readAllBytes(segment);
        // A SIGKILL during the write of the batch cuts it at a page boundary of the kernel's copy: any length will do.
        for (long cut = before + 1; cut < after; cut += (after - before) / 37 + 1) {
            Files.write(segment, Arrays.copyOf(whole, (int) cut));
            try (SegmentLogQueue queue = open()) {
                assertThat(readAll(queue)).as("cut after %d of %d bytes", cut - before, after - before)
                        .containsExactly("a0", "a1", "a2");
            }
        }
        Files.write(segment, whole);
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).hasSize(53).endsWith("b49");
        }
    }

    @Test
    void eventsWrittenOneRecordEachByAnEarlierVersionAreStillRead() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("new", 1));
        }
        Path segment = segmentFiles().get(0);
        List<Event> old = events("old", 2);
        // the first record format: [type 1][sequence][published second][nano][event bytes], one record per event
        for (int i = 0; i < old.size(); i++) {
            byte[] event = EventBytes.encode(old.get(i));
            ByteBuffer payload = ByteBuffer.allocate(21 + event.length).put(SegmentLogQueue.EVENT).putLong(100 + i)
                    .putLong(START.getEpochSecond()).putInt(0).put(event);
            CRC32C crc = new CRC32C();
            crc.update(payload.array());
            append(segment, ByteBuffer.allocate(8 + payload.capacity()).putInt(payload.capacity())
                    .putInt((int) crc.getValue()).put(payload.array()).array());
        }
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).containsExactly("new0", "old0", "old1");
            queue.publish(events("next", 1));
            assertThat(queue.read("worker", 10, Duration.ZERO)).singleElement()
                    .satisfies(next -> assertThat(Long.parseLong(next.entryId())).as("sequences continue after the old ones")
                            .isGreaterThan(101));
        }
    }

    @Test
    void aLastPublishCutShortOrWithABadChecksumIsDroppedWhole() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 3));
            queue.publish(events("b", 1));
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        flipByte(segment, size - 3);
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).as("checksum mismatch in the last record").containsExactly("a0", "a1", "a2");
            queue.publish(events("c", 2));
        }
        size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 40);
        }
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).as("last publish cut short").containsExactly("a0", "a1", "a2");
        }
    }

    @Test
    void zerosAtTheEndOfAFileAreATornTail() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 2));
        }
        append(segmentFiles().get(0), new byte[4096]);
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).containsExactly("a0", "a1");
        }
    }

    @Test
    void aCorruptRecordInsideAFileStopsStartUpNamingTheFile() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 10));
            queue.publish(events("b", 1));
        }
        Path segment = segmentFiles().get(0);
        flipByte(segment, Segment.HEADER_BYTES + 40);

        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queue file " + segment)
                .hasMessageContaining("corrupt at byte " + Segment.HEADER_BYTES)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("Move the file out of " + directory);
        // the refusal left the file as it was, and released the directory
        assertThat(Files.size(segment)).isGreaterThan(Segment.HEADER_BYTES + 40L);
        Files.move(segment, Files.createDirectory(directory.resolve("quarantine")).resolve(segment.getFileName()));
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).isEmpty();
        }
    }

    @Test
    void aBadHeaderOrAnImpossibleLengthStopsStartUpNamingTheFile() throws Exception {
        try (SegmentLogQueue queue = open()) {
            queue.publish(events("a", 3));
        }
        Path segment = segmentFiles().get(0);
        flipByte(segment, 2);
        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queue file " + segment).hasMessageContaining("bad header");
        flipByte(segment, 2);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(-7).flip(), Segment.HEADER_BYTES);
        }
        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("queue file " + segment).hasMessageContaining("impossible record length -7");
    }

    @Test
    void filesAreDeletedOnceEverythingInThemAndBeforeThemIsAcknowledged() throws Exception {
        try (SegmentLogQueue queue = open(MAX_BYTES, 4096)) {
            for (int i = 0; i < 40; i++) {
                queue.publish(events("a" + i + "-", 5));
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(5);
            List<QueuedEvent> all = queue.read("worker", 1000, Duration.ZERO);
            long before = queue.bytesOnDisk();
            // the oldest event pending holds every file after it
            queue.ack(all.subList(1, all.size()));
            assertThat(segmentFiles()).hasSizeGreaterThan(5);
            queue.ack(all.subList(0, 1));
            // The writer appends the acknowledgements in the background and may start a new file for them:
            // for a moment the new file and the last old one both exist. Wait until one file stays.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int settledChecks = 0;
            while (settledChecks < 3 && System.nanoTime() < deadline) {
                settledChecks = segmentFiles().size() == 1 ? settledChecks + 1 : 0;
                Thread.sleep(50);
            }
            assertThat(segmentFiles()).as("only the file being written stays").hasSize(1);
            assertThat(queue.bytesOnDisk()).isLessThan(before).isEqualTo(Files.size(segmentFiles().get(0)));
        }
        try (SegmentLogQueue queue = open(MAX_BYTES, 4096)) {
            assertThat(readAll(queue)).isEmpty();
        }
    }

    @Test
    void theByteLimitRefusesWholePublishesUntilFilesAreDeleted() throws Exception {
        try (SegmentLogQueue queue = open(16 * 1024, 4096)) {
            int accepted = 0;
            while (true) {
                try {
                    queue.publish(events("a" + accepted + "-", 10));
                    accepted++;
                } catch (QueueUnavailableException full) {
                    assertThat(full).hasMessageContaining("full on disk").hasMessageContaining("of 16384 bytes");
                    break;
                }
            }
            assertThat(queue.bytesOnDisk()).isLessThanOrEqualTo(16 * 1024);
            assertThat(queue.stats().length()).as("all or nothing").isEqualTo(accepted * 10L);
            queue.ack(queue.read("worker", 1000, Duration.ZERO));
            queue.publish(events("b", 10));
        }
    }

    @Test
    void itIsFullOnDiskOnlyWhenNotEvenTheSmallestPublishFits() throws Exception {
        long oneRecord = Segment.RECORD_HEADER_BYTES + SegmentLogQueue.PUBLISH_HEAD_BYTES
                + SegmentLogQueue.PUBLISHED_EVENT_HEAD_BYTES + EventBytes.encode(sameSized(0).get(0)).length;
        int fitting = (int) (1024 / oneRecord) + 1;
        assertThat(fitting).as("ids of one length").isLessThan(10);
        // room for the file's header, that many publishes and 10 bytes more: less than any publish takes
        long limit = Segment.HEADER_BYTES + fitting * oneRecord + 10;
        try (SegmentLogQueue queue = open(limit, limit)) {
            for (int i = 0; i < fitting; i++) {
                assertThat(queue.isFull()).as("room for publish %d", i).isFalse();
                queue.publish(sameSized(i));
            }
            assertThat(queue.bytesOnDisk()).isEqualTo(limit - 10);

            assertThat(queue.isFull()).isTrue();
            assertThat(queue.memory().isFull()).as("the bytes bound it, not the entries").isFalse();
            assertThatThrownBy(() -> queue.publish(sameSized(fitting)))
                    .isInstanceOf(QueueUnavailableException.class).hasMessageContaining("full on disk");
        }
    }

    /** One event whose bytes have the same length for every {@code i} below 10. */
    private static List<Event> sameSized(int i) {
        return events("s" + i + "-", 1);
    }

    @Test
    void concurrentPublishesShareSyncs() throws Exception {
        int threads = 8;
        int perThread = 40;
        try (SegmentLogQueue queue = open()) {
            List<CompletableFuture<Void>> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                publishers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try {
                            queue.publish(events(prefix + i + "-", 2));
                        } catch (QueueUnavailableException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, java.util.concurrent.Executors.newSingleThreadExecutor()));
            }
            CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(queue.stats().length()).isEqualTo(threads * perThread * 2L);
            assertThat(queue.syncs()).as("one sync served several waiting publishes").isLessThan(threads * perThread);
        }
        try (SegmentLogQueue queue = open()) {
            assertThat(readAll(queue)).hasSize(threads * perThread * 2).doesNotHaveDuplicates();
        }
    }

    @Test
    void aSecondQueueOnTheSameDirectoryIsRefused() {
        try (SegmentLogQueue queue = open()) {
            assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining(directory.toString());
        }
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, position);
        }
    }
}
