package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The embedded default's {@link DiskQueue}: the entries and their delivery state live in an {@link InProcessQueue},
 * and every published event is first appended to a log of {@link Segment} files and synced. {@link #publish} returns
 * only after the sync, and one writer thread syncs for every publish that arrived meanwhile (group commit: concurrent
 * requests share one {@code fsync}). A publish is one record, so that a crash in the middle of its write (a SIGKILL
 * cuts a large {@code write} short at a page) keeps the batch whole or drops it whole, never a part of it; only a
 * publish larger than {@link #MAX_PUBLISH_RECORD_BYTES} is split over several records. Acknowledgements and dead letters are appended as records too, without a sync of
 * their own (one lost to a crash only makes the entry come again, and the store keeps one event per
 * {@code (source, messageId)}). At start-up the log is read back: every event published and not acknowledged is
 * queued again, undelivered. A file is deleted once it and every older one hold no unacknowledged event.
 */
final class SegmentLogQueue implements DiskQueue {
    private static final System.Logger LOG = System.getLogger(SegmentLogQueue.class.getName());
    /** One event (the format's first record type: still read, no longer written). */
    static final byte EVENT = 1;
    static final byte ACK = 2;
    static final byte DEAD_LETTER = 3;
    /** The events of one publish. */
    static final byte PUBLISH = 4;
    /** Type, publication second and nano, and the count of a publish record, before its events. */
    static final int PUBLISH_HEAD_BYTES = 1 + 8 + 4 + 4;
    /** Sequence and length before each event's bytes in a publish record. */
    static final int PUBLISHED_EVENT_HEAD_BYTES = 8 + 4;
    /** A publish record of one event with no bytes: whatever cannot take it is full. */
    private static final int SMALLEST_PUBLISH_BYTES = Segment.RECORD_HEADER_BYTES + PUBLISH_HEAD_BYTES + PUBLISHED_EVENT_HEAD_BYTES;
    /** Far below {@link Segment#MAX_RECORD_BYTES}; the collector's body limit keeps a batch well under it. */
    static final int MAX_PUBLISH_RECORD_BYTES = Segment.MAX_RECORD_BYTES / 2;
    /** A publish that the disk did not confirm in this time is answered as unavailable (it may still be kept). */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final InProcessQueue memory;
    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final Clock clock;
    private final FileChannel lockFile;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final AtomicLong diskFullRefusals = new AtomicLong();
    private final AtomicLong writeErrorRefusals = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final Thread writer;
    private Segment active;
    private long bytesOnDisk;
    private Batch staging = new Batch();
    private boolean closing;
    private volatile boolean lastWriteFailed;

    /** Records waiting for the writer, and the publishes that wait for them. */
    private static final class Batch {
        final RecordBytes bytes = new RecordBytes();
        final List<long[]> publishes = new ArrayList<>();
        long firstSequence = -1;
        /** Completed by the writer once the records are synced, or failed with why they were refused. */
        final CompletableFuture<Void> synced = new CompletableFuture<>();

        boolean isEmpty() {
            return bytes.size() == 0;
        }
    }

    /** The staged records; the writer appends them straight from the buffer. */
    private static final class RecordBytes extends ByteArrayOutputStream {
        RecordBytes() {
            super(8192);
        }

        byte[] buffer() {
            return buf;
        }
    }

    private SegmentLogQueue(InProcessQueue memory, Path directory, long maxBytes, long segmentBytes, Clock clock,
            FileChannel lockFile) {
        this.memory = memory;
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.clock = clock;
        this.lockFile = lockFile;
        this.writer = new Thread(this::writeLoop, "queue-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens the log in {@code directory} (created when missing), queues again what it holds and starts the writer.
     *
     * @throws IllegalStateException naming the file when the log cannot be read, or another process uses it
     */
    static SegmentLogQueue open(Path directory, int capacity, long maxBytes, long segmentBytes, Clock clock) {
        if (maxBytes < segmentBytes || segmentBytes < Segment.HEADER_BYTES + 1024) {
            throw new IllegalArgumentException("the queue needs at least one segment of 1 KiB or more within its byte limit");
        }
        InProcessQueue memory = new InProcessQueue(capacity, clock);
        FileChannel lockFile = lock(directory);
        SegmentLogQueue queue = new SegmentLogQueue(memory, directory, maxBytes, segmentBytes, clock, lockFile);
        try {
            queue.recover();
        } catch (IOException e) {
            queue.releaseLock();
            throw new UncheckedIOException("the queue in " + directory + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            queue.releaseLock();
            throw e;
        }
        queue.writer.start();
        return queue;
    }

    private static FileChannel lock(Path directory) {
        Path lockPath = directory.resolve("lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = channel.tryLock();
            if (held == null) {
                throw new IllegalStateException("the queue in " + directory + " is in use by another process"
                        + " (each `all` needs a DATA_DIR of its own)");
            }
            return channel;
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException("the queue in " + directory + " cannot be opened: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
        }
        Map<Long, Restored> unacknowledged = new LinkedHashMap<>();
        Segment.RecordVisitor replay = (segment, payload) -> replay(segment, payload, unacknowledged);
        for (Path file : files) {
            Segment segment = Segment.recover(file, replay);
            segments.put(segment.baseSequence, segment);
            bytesOnDisk += segment.size;
        }
        long next = segments.isEmpty() ? 1 : segments.lastKey();
        for (Map.Entry<Long, Restored> entry : unacknowledged.entrySet()) {
            Restored restored = entry.getValue();
            memory.restore(entry.getKey(), restored.event, restored.publishedAt);
            restored.segment.unacknowledged++;
            next = Math.max(next, entry.getKey() + 1);
        }
        memory.continueAt(next);
        if (segments.isEmpty()) {
            active = Segment.create(directory, next);
            segments.put(active.baseSequence, active);
            bytesOnDisk += active.size;
        } else {
            active = segments.lastEntry().getValue();
            active.openForAppend();
        }
        deleteAcknowledgedSegments();
        if (!files.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "queue in {0}: {1} events not yet stored were queued again from {2} files",
                    directory, Integer.toString(unacknowledged.size()), Integer.toString(files.size()));
        }
    }

    private record Restored(Event event, Instant publishedAt, Segment segment) {
    }

    private void replay(Segment segment, ByteBuffer payload, Map<Long, Restored> unacknowledged) {
        byte type = payload.get();
        switch (type) {
            case EVENT -> {
                long sequence = payload.getLong();
                Instant publishedAt = Instant.ofEpochSecond(payload.getLong(), payload.getInt());
                unacknowledged.put(sequence, new Restored(EventBytes.decode(payload), publishedAt, segment));
            }
            case PUBLISH -> {
                Instant publishedAt = Instant.ofEpochSecond(payload.getLong(), payload.getInt());
                int count = payload.getInt();
                for (int i = 0; i < count; i++) {
                    long sequence = payload.getLong();
                    int length = payload.getInt();
                    ByteBuffer event = payload.slice(payload.position(), length);
                    payload.position(payload.position() + length);
                    unacknowledged.put(sequence, new Restored(EventBytes.decode(event), publishedAt, segment));
                }
                if (payload.hasRemaining()) {
                    throw new IllegalArgumentException(payload.remaining() + " bytes after the last of " + count + " events");
                }
            }
            case ACK -> {
                int count = payload.getInt();
                for (int i = 0; i < count; i++) {
                    unacknowledged.remove(payload.getLong());
                }
            }
            case DEAD_LETTER -> {
                long sequence = payload.getLong();
                long deliveries = payload.getLong();
                Instant at = Instant.ofEpochSecond(payload.getLong(), payload.getInt());
                byte[] error = new byte[payload.getInt()];
                payload.get(error);
                Restored restored = unacknowledged.remove(sequence);
                if (restored != null) {
                    memory.restoreDeadLetter(new InProcessQueue.DeadLetter(Long.toString(sequence), restored.event,
                            deliveries, new String(error, StandardCharsets.UTF_8), at));
                }
            }
            default -> throw new IllegalArgumentException("unknown record type " + type);
        }
    }

    @Override
    public void publish(List<Event> events) throws QueueUnavailableException {
        try {
            // publishAsync bounds the wait by WRITE_TIMEOUT itself
            publishAsync(events).toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueueUnavailableException refused) {
                throw refused;
            }
            throw e.getCause() instanceof RuntimeException unexpected ? unexpected : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException("interrupted while waiting for the disk", e);
        }
    }

    /** Full when the memory bound is reached or the files leave no room for even one event. */
    @Override
    public boolean isFull() {
        if (memory.isFull()) {
            return true;
        }
        lock.lock();
        try {
            return bytesOnDisk + staging.bytes.size() + SMALLEST_PUBLISH_BYTES > maxBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stages the events for the writer thread and returns at once: the stage completes when they are synced to disk
     * (on the writer thread: its callbacks must not block), or fails with a {@link QueueUnavailableException}.
     */
    @Override
    public CompletionStage<Void> publishAsync(List<Event> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Encoding is the costly part: done by each caller, outside the lock.
        byte[][] encoded = new byte[events.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = EventBytes.encode(Objects.requireNonNull(events.get(i), "event"));
        }
        List<int[]> records = publishRecords(encoded);
        long recordBytes = (long) records.size() * (Segment.RECORD_HEADER_BYTES + PUBLISH_HEAD_BYTES);
        for (byte[] event : encoded) {
            recordBytes += PUBLISHED_EVENT_HEAD_BYTES + event.length;
        }
        Batch batch;
        lock.lock();
        try {
            if (closing) {
                return CompletableFuture.failedFuture(new QueueUnavailableException("the queue is shutting down"));
            }
            long used = bytesOnDisk + staging.bytes.size();
            if (used + recordBytes > maxBytes) {
                return CompletableFuture.failedFuture(new QueueUnavailableException("the queue is full on disk (" + used
                        + " of " + maxBytes + " bytes in " + directory + " hold events not yet stored)"));
            }
            long[] sequences;
            try {
                sequences = memory.reserve(events);
            } catch (QueueUnavailableException full) {
                return CompletableFuture.failedFuture(full);
            }
            Instant now = clock.instant();
            batch = staging;
            for (int[] range : records) {
                appendPublish(batch, sequences, now, encoded, range[0], range[1]);
            }
            if (batch.firstSequence < 0) {
                batch.firstSequence = sequences[0];
            }
            batch.publishes.add(sequences);
            work.signal();
        } finally {
            lock.unlock();
        }
        return batch.synced.copy().orTimeout(WRITE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(failure instanceof TimeoutException ? new QueueUnavailableException(
                        "the disk did not confirm the write within " + WRITE_TIMEOUT.toSeconds() + " s")
                        : failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure));
    }


    /** The events of a publish as {@code [from, to)} ranges, one per record: one range unless the publish is huge. */
    private static List<int[]> publishRecords(byte[][] encoded) {
        List<int[]> records = new ArrayList<>(1);
        int from = 0;
        long bytes = PUBLISH_HEAD_BYTES;
        for (int i = 0; i < encoded.length; i++) {
            long eventBytes = PUBLISHED_EVENT_HEAD_BYTES + encoded[i].length;
            if (i > from && bytes + eventBytes > MAX_PUBLISH_RECORD_BYTES) {
                records.add(new int[] {from, i});
                from = i;
                bytes = PUBLISH_HEAD_BYTES;
            }
            bytes += eventBytes;
        }
        records.add(new int[] {from, encoded.length});
        return records;
    }

    private static void appendPublish(Batch batch, long[] sequences, Instant publishedAt, byte[][] encoded, int from,
            int to) {
        int length = PUBLISH_HEAD_BYTES;
        for (int i = from; i < to; i++) {
            length += PUBLISHED_EVENT_HEAD_BYTES + encoded[i].length;
        }
        ByteBuffer record = ByteBuffer.allocate(length).put(PUBLISH).putLong(publishedAt.getEpochSecond())
                .putInt(publishedAt.getNano()).putInt(to - from);
        for (int i = from; i < to; i++) {
            record.putLong(sequences[i]).putInt(encoded[i].length).put(encoded[i]);
        }
        appendRecord(batch, record.array());
    }

    private static void appendRecord(Batch batch, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer recordHeader = ByteBuffer.allocate(Segment.RECORD_HEADER_BYTES)
                .putInt(payload.length).putInt((int) crc.getValue());
        batch.bytes.writeBytes(recordHeader.array());
        batch.bytes.writeBytes(payload);
    }

    /** The writer thread: takes what is staged, appends it to the active segment and syncs when publishes wait. */
    private void writeLoop() {
        while (true) {
            Batch batch;
            long nextSequence;
            lock.lock();
            try {
                while (staging.isEmpty() && !closing) {
                    work.awaitUninterruptibly();
                }
                if (staging.isEmpty()) {
                    return;
                }
                batch = staging;
                staging = new Batch();
                nextSequence = memory.nextSequence();
            } finally {
                lock.unlock();
            }
            write(batch, nextSequence);
        }
    }

    private void write(Batch batch, long nextSequence) {
        Segment target = active;
        Segment created = null;
        long sizeBefore = target.size;
        IOException failure = null;
        try {
            long base = batch.firstSequence >= 0 ? batch.firstSequence : nextSequence;
            // A file is named by the lowest sequence it may hold, so a new one needs a sequence of its own.
            if ((target.size >= segmentBytes || target.isDamaged()) && base > target.baseSequence) {
                target.force();
                created = Segment.create(directory, base);
                target = created;
                sizeBefore = target.size;
            }
            target.append(batch.bytes.buffer(), batch.bytes.size());
            if (!batch.publishes.isEmpty()) {
                target.force();
                syncs.incrementAndGet();
            }
        } catch (IOException e) {
            failure = e;
            target.discardAfterFailure(sizeBefore, e);
        }
        lock.lock();
        try {
            if (created != null) {
                active.closeChannel();
                active = created;
                segments.put(created.baseSequence, created);
                bytesOnDisk += Segment.HEADER_BYTES;
            }
            if (failure == null) {
                bytesOnDisk += target.size - sizeBefore;
                for (long[] sequences : batch.publishes) {
                    target.unacknowledged += sequences.length;
                    memory.release(sequences);
                }
            } else {
                refused(batch, failure);
            }
            lastWriteFailed = failure != null;
            deleteAcknowledgedSegments();
        } finally {
            lock.unlock();
        }
        // outside the lock: the publishers' callbacks run here
        if (failure == null) {
            batch.synced.complete(null);
        } else {
            batch.synced.completeExceptionally(new QueueUnavailableException((isDiskFull(failure) ? "no space left on the disk of "
                    : "cannot write to ") + directory + ": " + failure.getMessage(), failure));
        }
    }

    private void refused(Batch batch, IOException failure) {
        for (long[] sequences : batch.publishes) {
            memory.discard(sequences);
        }
        boolean diskFull = isDiskFull(failure);
        (diskFull ? diskFullRefusals : writeErrorRefusals).addAndGet(batch.publishes.size());
        // Once per failing batch: while the disk stays full that is at most one line per write attempt.
        LOG.log(System.Logger.Level.WARNING, "queue in {0}: {1}; {2} publishes refused (answered 503)", directory,
                diskFull ? "no space left on the disk" : "write failed: " + failure.getMessage(),
                Integer.toString(batch.publishes.size()));
    }

    static boolean isDiskFull(IOException failure) {
        String message = failure.getMessage();
        return message != null && (message.contains("No space left") || message.contains("Disk quota exceeded"));
    }

    @Override
    public List<QueuedEvent> read(String consumer, int max, Duration block) {
        return memory.read(consumer, max, block);
    }

    @Override
    public void ack(List<QueuedEvent> entries) {
        long[] removed = memory.acknowledge(entries);
        if (removed.length == 0) {
            return;
        }
        ByteBuffer record = ByteBuffer.allocate(5 + 8 * removed.length).put(ACK).putInt(removed.length);
        for (long sequence : removed) {
            record.putLong(sequence);
        }
        lock.lock();
        try {
            for (long sequence : removed) {
                acknowledged(sequence);
            }
            stage(record.array());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deadLetter(QueuedEvent entry, String error) {
        InProcessQueue.DeadLetter letter = memory.moveToDeadLetters(entry, error);
        if (letter == null) {
            return;
        }
        long sequence = Long.parseLong(letter.entryId());
        byte[] message = letter.error() == null ? new byte[0] : letter.error().getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(33 + message.length).put(DEAD_LETTER).putLong(sequence)
                .putLong(letter.deliveries()).putLong(letter.at().getEpochSecond()).putInt(letter.at().getNano())
                .putInt(message.length).put(message);
        lock.lock();
        try {
            acknowledged(sequence);
            stage(record.array());
        } finally {
            lock.unlock();
        }
    }

    private void acknowledged(long sequence) {
        Map.Entry<Long, Segment> holder = segments.floorEntry(sequence);
        if (holder != null) {
            holder.getValue().unacknowledged--;
        }
    }

    private void stage(byte[] payload) {
        appendRecord(staging, payload);
        work.signal();
        deleteAcknowledgedSegments();
    }

    /** Deletes the oldest files while they hold nothing unacknowledged (never the one being written). */
    private void deleteAcknowledgedSegments() {
        while (segments.size() > 1) {
            Segment oldest = segments.firstEntry().getValue();
            if (oldest == active || oldest.unacknowledged > 0) {
                return;
            }
            try {
                Files.deleteIfExists(oldest.path);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "queue file {0} is fully stored but cannot be deleted: {1}",
                        oldest.path, e.getMessage());
                return;
            }
            segments.pollFirstEntry();
            bytesOnDisk -= oldest.size;
        }
    }

    @Override
    public List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max) {
        return memory.claimStale(consumer, minIdle, max);
    }

    @Override
    public void keepClaimed(String consumer, List<QueuedEvent> entries) {
        memory.keepClaimed(consumer, entries);
    }

    @Override
    public QueueStats stats() {
        return memory.stats();
    }

    /** Ready while the last write reached the disk (a full disk makes it unready until a write succeeds again). */
    @Override
    public boolean isReady() {
        return !lastWriteFailed;
    }

    @Override
    public long bytesOnDisk() {
        lock.lock();
        try {
            return bytesOnDisk;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long diskFullRefusals() {
        return diskFullRefusals.get();
    }

    @Override
    public long writeErrorRefusals() {
        return writeErrorRefusals.get();
    }

    /** Syncs made for publishes so far (fewer than the publishes when they arrive together). */
    long syncs() {
        return syncs.get();
    }

    /** The in-memory state, for tests of the semantics it shares with {@link InProcessQueue}. */
    InProcessQueue memory() {
        return memory;
    }

    /** Writes what is staged, stops the writer and releases the files. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            try {
                active.force();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "queue in {0}: the last acknowledgements may not be synced: {1}",
                        directory, e.getMessage());
            }
            segments.values().forEach(Segment::closeChannel);
        } finally {
            lock.unlock();
        }
        releaseLock();
    }

    private void releaseLock() {
        closeQuietly(lockFile);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
