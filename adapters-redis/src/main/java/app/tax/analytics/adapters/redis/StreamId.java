package app.tax.analytics.adapters.redis;

import java.time.Instant;

/**
 * A Redis stream entry id, {@code <milliseconds>-<sequence>}, compared numerically (as strings "10-0" would sort
 * before "9-0"). The milliseconds are the server's clock when the entry was added.
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {
    static final StreamId ZERO = new StreamId(0, 0);

    static StreamId parse(String id) {
        int dash = id.indexOf('-');
        try {
            if (dash < 0) {
                return new StreamId(Long.parseUnsignedLong(id), 0);
            }
            return new StreamId(Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream id: " + id, e);
        }
    }

    Instant addedAt() {
        return Instant.ofEpochMilli(millis);
    }

    static StreamId min(StreamId a, StreamId b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compareUnsigned(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }
}
