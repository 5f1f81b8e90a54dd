package app.tax.analytics.adapters.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One append-only file of a {@link SegmentLogQueue}: a header (magic, format version, the first sequence number it
 * may hold, CRC32C) and then records of {@code [int length][int CRC32C of the payload][payload]}. Only the queue's
 * writer thread writes to it; the queue's lock guards {@link #unacknowledged}.
 */
final class Segment {
    private static final System.Logger LOG = System.getLogger(Segment.class.getName());
    static final String SUFFIX = ".seg";
    static final int MAGIC = 0x41515347; // "AQSG"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 20;
    static final int RECORD_HEADER_BYTES = 8;
    /** Far above any record the queue writes (an event is at most 32 KB, an acknowledgement 8 bytes per entry). */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    final Path path;
    final long baseSequence;
    /** Bytes in the file, header included. */
    long size;
    /** Events in this file not yet acknowledged; the file is deleted when this and every older file reach zero. */
    long unacknowledged;
    private FileChannel channel;
    private boolean damaged;

    private Segment(Path path, long baseSequence, long size) {
        this.path = path;
        this.baseSequence = baseSequence;
        this.size = size;
    }

    static Path pathOf(Path directory, long baseSequence) {
        return directory.resolve(String.format("%020d%s", baseSequence, SUFFIX));
    }

    /** Creates an empty segment, its header synced (file and directory), open for appending. */
    static Segment create(Path directory, long baseSequence) throws IOException {
        Path path = pathOf(directory, baseSequence);
        Segment segment = new Segment(path, baseSequence, HEADER_BYTES);
        try {
            segment.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ByteBuffer header = header(baseSequence);
            while (header.hasRemaining()) {
                segment.channel.write(header);
            }
            segment.channel.force(true);
            syncDirectory(directory);
        } catch (IOException e) {
            segment.closeChannel();
            Files.deleteIfExists(path);
            throw e;
        }
        return segment;
    }

    /** Opens a recovered segment to append to it. */
    void openForAppend() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.WRITE);
    }

    /** What a segment's records are handed to at start-up, in file order. */
    interface RecordVisitor {
        /** @throws IllegalArgumentException when the record cannot be read (it is reported with its file and offset) */
        void record(Segment segment, ByteBuffer payload);
    }

    /**
     * Reads a segment at start-up and hands every intact record to {@code visitor}. A torn tail (the last write cut
     * short by a crash: a record that runs past the end, a short header, zeros, or a checksum mismatch in the very
     * last record) is cut off with a warning. Damage anywhere else stops start-up with a message naming the file.
     */
    static Segment recover(Path path, RecordVisitor visitor) throws IOException {
        long baseSequence = baseSequenceOf(path);
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < HEADER_BYTES) {
            LOG.log(System.Logger.Level.WARNING, "queue file {0}: its header was cut short by a crash while it was created;"
                    + " it held no events and is started afresh", path);
            rewriteHeader(path, baseSequence);
            return new Segment(path, baseSequence, HEADER_BYTES);
        }
        ByteBuffer file = ByteBuffer.wrap(bytes);
        if (!file.duplicate().limit(HEADER_BYTES).equals(header(baseSequence))) {
            throw corrupt(path, 0, bytes.length, "not a queue segment of format " + FORMAT_VERSION
                    + " starting at sequence " + baseSequence + " (bad header)");
        }
        Segment segment = new Segment(path, baseSequence, HEADER_BYTES);
        int position = HEADER_BYTES;
        String torn = null;
        CRC32C crc = new CRC32C();
        while (position < bytes.length && torn == null) {
            int remaining = bytes.length - position;
            if (remaining < RECORD_HEADER_BYTES) {
                torn = "a record header cut short";
                break;
            }
            int length = file.getInt(position);
            int checksum = file.getInt(position + 4);
            if (length < 1 || length > MAX_RECORD_BYTES) {
                if (!zerosFrom(bytes, position)) {
                    throw corrupt(path, position, bytes.length, "impossible record length " + length);
                }
                torn = "zeros where a record should start";
                break;
            }
            long end = (long) position + RECORD_HEADER_BYTES + length;
            if (end > bytes.length) {
                torn = "a record of " + length + " bytes cut short after " + (remaining - RECORD_HEADER_BYTES);
                break;
            }
            crc.reset();
            crc.update(bytes, position + RECORD_HEADER_BYTES, length);
            if ((int) crc.getValue() != checksum) {
                if (end != bytes.length && !zerosFrom(bytes, position + RECORD_HEADER_BYTES)) {
                    throw corrupt(path, position, bytes.length, "checksum mismatch");
                }
                torn = "a checksum mismatch in the last record";
                break;
            }
            try {
                visitor.record(segment, file.slice(position + RECORD_HEADER_BYTES, length));
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
                throw new IllegalStateException("queue file " + path + ": the record at byte " + position
                        + " cannot be read (" + e.getMessage() + "); move the file out of " + path.getParent()
                        + " to start without its events", e);
            }
            position = (int) end;
        }
        if (torn != null) {
            LOG.log(System.Logger.Level.WARNING, "queue file {0}: {1} at byte {2}; the {3} bytes from there are dropped"
                    + " (a write cut short by a crash before it was confirmed to anyone)", path, torn,
                    Integer.toString(position), Integer.toString(bytes.length - position));
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(position);
                channel.force(true);
            }
        }
        segment.size = position;
        return segment;
    }

    static long baseSequenceOf(Path path) {
        String name = path.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("queue file " + path + " is not named <first sequence>" + SUFFIX
                    + "; move it out of " + path.getParent(), e);
        }
    }

    private static boolean zerosFrom(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static IllegalStateException corrupt(Path path, long position, long size, String reason) {
        return new IllegalStateException("queue file " + path + " is corrupt at byte " + position + " of " + size + ": "
                + reason + ". The events from there cannot be read. Move the file out of " + path.getParent()
                + " to start without them (those not yet stored are then lost), or put back a good copy");
    }

    private static void rewriteHeader(Path path, long baseSequence) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            ByteBuffer header = header(baseSequence);
            while (header.hasRemaining()) {
                channel.write(header);
            }
            channel.force(true);
        }
    }

    static ByteBuffer header(long baseSequence) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(baseSequence);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 16);
        header.putInt((int) crc.getValue());
        return header.flip();
    }

    /**
     * Writes the bytes at the end of the file. On failure the caller {@link #discardAfterFailure}s, so that a later
     * append never follows a partial record.
     */
    void append(byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        size = position;
    }

    void force() throws IOException {
        channel.force(false);
    }

    /**
     * Cuts the file back to {@code lastGoodSize} after a failed write or sync (after a failed sync, the unsynced
     * bytes are in doubt; their callers are told of the failure). When even that fails the segment is marked
     * damaged, and the queue writes on in a new one.
     */
    void discardAfterFailure(long lastGoodSize, IOException cause) {
        size = lastGoodSize;
        try {
            channel.truncate(lastGoodSize);
        } catch (IOException truncateFailed) {
            cause.addSuppressed(truncateFailed);
            damaged = true;
        }
    }

    boolean isDamaged() {
        return damaged;
    }

    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to write through it
            }
            channel = null;
        }
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
