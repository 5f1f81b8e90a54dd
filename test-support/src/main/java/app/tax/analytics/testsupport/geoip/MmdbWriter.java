package app.tax.analytics.testsupport.geoip;

import app.tax.analytics.domain.enrich.IpAnonymization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes small MaxMind DB (MMDB, format 2.0) files for tests: an IPv6 search tree holding IPv4
 * networks under {@code ::/96} (with the aliases MaxMind ships: {@code ::ffff:0:0/96} and the 6to4
 * range {@code 2002::/16}), the data section and the metadata. MaxMind publishes no Java writer, and
 * tests must not depend on a downloaded database.
 *
 * <p>Values map to MMDB types by their Java type: {@link String} → utf8_string, {@link Map} (string
 * keys, iteration order kept) → map, {@link List} → array, {@link Boolean} → boolean, {@link Double}
 * → double, {@link Float} → float, {@link Integer} → int32, {@code byte[]} → bytes, and the
 * unsigned types through {@link #uint16}, {@link #uint32}, {@link #uint64}, {@link #uint128}.
 * The reader is strict about these types (a GeoIP2 {@code geoname_id} must be a uint32, an
 * {@code accuracy_radius} a uint16), so there is no guessing from a Java {@code Long}.
 *
 * <p>Semantics of {@link #insert}: a network replaces what its whole range held before; a more
 * specific network inserted inside an existing one splits it and keeps the rest of the outer data.
 * Records are written in full (equal ones once); the writer uses no data pointers.
 */
public final class MmdbWriter {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
        'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    /** Zero bytes between the search tree and the data section; data pointers count from after them. */
    private static final int DATA_SECTION_SEPARATOR = 16;
    private static final int IPV4_SUBTREE_DEPTH = 96;

    private static final int TYPE_STRING = 2;
    private static final int TYPE_DOUBLE = 3;
    private static final int TYPE_BYTES = 4;
    private static final int TYPE_UINT16 = 5;
    private static final int TYPE_UINT32 = 6;
    private static final int TYPE_MAP = 7;
    private static final int TYPE_INT32 = 8;
    private static final int TYPE_UINT64 = 9;
    private static final int TYPE_UINT128 = 10;
    private static final int TYPE_ARRAY = 11;
    private static final int TYPE_BOOLEAN = 14;
    private static final int TYPE_FLOAT = 15;

    /** An unsigned integer of an MMDB type (uint16, uint32, uint64 or uint128). */
    public record Unsigned(int type, BigInteger value) {
        public Unsigned {
            int bits = switch (type) {
                case TYPE_UINT16 -> 16;
                case TYPE_UINT32 -> 32;
                case TYPE_UINT64 -> 64;
                case TYPE_UINT128 -> 128;
                default -> throw new IllegalArgumentException("not an unsigned MMDB type: " + type);
            };
            if (value.signum() < 0 || value.bitLength() > bits) {
                throw new IllegalArgumentException(value + " does not fit in uint" + bits);
            }
        }
    }

    public static Unsigned uint16(int value) {
        return new Unsigned(TYPE_UINT16, BigInteger.valueOf(value));
    }

    public static Unsigned uint32(long value) {
        return new Unsigned(TYPE_UINT32, BigInteger.valueOf(value));
    }

    public static Unsigned uint64(BigInteger value) {
        return new Unsigned(TYPE_UINT64, value);
    }

    public static Unsigned uint128(BigInteger value) {
        return new Unsigned(TYPE_UINT128, value);
    }

    /** A search-tree node; each record is a {@link Node}, a {@link Leaf} or null (no data). */
    private static final class Node {
        private final Object[] records;

        Node(Object left, Object right) {
            records = new Object[] {left, right};
        }
    }

    private record Leaf(Object value) {
    }

    private final String databaseType;
    private final List<String> languages;
    private final int recordSize;
    private final Node root = new Node(null, null);

    /**
     * @param databaseType what readers check ({@code GeoIP2-City} for city lookups)
     * @param languages    locales that record names are given in
     * @param recordSize   bits per search-tree record: 24, 28 or 32
     */
    public MmdbWriter(String databaseType, List<String> languages, int recordSize) {
        if (recordSize != 24 && recordSize != 28 && recordSize != 32) {
            throw new IllegalArgumentException("record size must be 24, 28 or 32 bits, not " + recordSize);
        }
        this.databaseType = Objects.requireNonNull(databaseType, "databaseType");
        this.languages = List.copyOf(languages);
        this.recordSize = recordSize;
    }

    /**
     * Maps every address of a network to a data record.
     *
     * @param cidr  an IPv4 ({@code 41.90.0.0/16}) or IPv6 ({@code 2c0f:fe38::/32}) network
     * @param value the record, usually a map in the shape the database type promises
     */
    public MmdbWriter insert(String cidr, Object value) {
        Objects.requireNonNull(value, "value");
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a network (address/prefix): " + cidr);
        }
        InetAddress address = IpAnonymization.literal(cidr.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: " + cidr);
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        byte[] bits = new byte[16];
        byte[] raw = address.getAddress();
        System.arraycopy(raw, 0, bits, 16 - raw.length, raw.length);
        int depth = address instanceof Inet4Address ? IPV4_SUBTREE_DEPTH + prefix : prefix;
        if (prefix < 1 || depth > 128 || (address instanceof Inet4Address && prefix > 32)) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        setRecord(bits, depth, new Leaf(value));
        return this;
    }

    /** Writes the database to a file (parent directories must exist) and returns it. */
    public Path writeTo(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }

    /** The whole database file. */
    public byte[] toBytes() {
        aliasIpv4Subtree();
        Map<Node, Integer> nodeNumbers = numberNodes();
        int nodeCount = nodeNumbers.size();

        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<Leaf, Integer> dataOffsets = new IdentityHashMap<>();
        // Equal records are stored once, as MaxMind's writers do. Compared by their encoding: the
        // hash codes of nested maps of similar records collide too often to key on the values.
        Map<ByteBuffer, Integer> offsetsByEncoding = new HashMap<>();
        for (Node node : nodeNumbers.keySet()) {
            for (Object record : node.records) {
                if (record instanceof Leaf && !dataOffsets.containsKey(record)) {
                    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
                    encode(((Leaf) record).value(), encoded);
                    byte[] bytes = encoded.toByteArray();
                    int offset = offsetsByEncoding.computeIfAbsent(ByteBuffer.wrap(bytes), key -> {
                        int start = data.size();
                        data.writeBytes(bytes);
                        return start;
                    });
                    dataOffsets.put((Leaf) record, offset);
                }
            }
        }

        int nodeBytes = recordSize * 2 / 8;
        ByteBuffer tree = ByteBuffer.allocate(nodeCount * nodeBytes);
        for (Node node : nodeNumbers.keySet()) {
            long left = recordValue(node.records[0], nodeNumbers, dataOffsets, nodeCount);
            long right = recordValue(node.records[1], nodeNumbers, dataOffsets, nodeCount);
            writeNode(tree, left, right);
        }

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(tree.array());
        file.writeBytes(new byte[DATA_SECTION_SEPARATOR]);
        file.writeBytes(data.toByteArray());
        file.writeBytes(METADATA_MARKER);
        encode(metadata(nodeCount), file);
        return file.toByteArray();
    }

    private Map<String, Object> metadata(int nodeCount) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", uint16(2));
        metadata.put("binary_format_minor_version", uint16(0));
        // Fixed, so that the same inserts always give the same bytes.
        metadata.put("build_epoch", uint64(BigInteger.valueOf(1_700_000_000L)));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "Test fixture written by " + MmdbWriter.class.getName()));
        metadata.put("ip_version", uint16(6));
        metadata.put("languages", languages);
        metadata.put("node_count", uint32(nodeCount));
        metadata.put("record_size", uint16(recordSize));
        return metadata;
    }

    /** Points {@code ::ffff:0:0/96} and {@code 2002::/16} at the IPv4 subtree, sharing its nodes. */
    private void aliasIpv4Subtree() {
        Object ipv4Subtree = root;
        byte[] zeros = new byte[16];
        for (int depth = 0; depth < IPV4_SUBTREE_DEPTH && ipv4Subtree instanceof Node; depth++) {
            ipv4Subtree = ((Node) ipv4Subtree).records[bit(zeros, depth)];
        }
        byte[] ipv4Mapped = new byte[16];
        ipv4Mapped[10] = (byte) 0xFF;
        ipv4Mapped[11] = (byte) 0xFF;
        setRecord(ipv4Mapped, IPV4_SUBTREE_DEPTH, ipv4Subtree);
        byte[] sixToFour = new byte[16];
        sixToFour[0] = 0x20;
        sixToFour[1] = 0x02;
        setRecord(sixToFour, 16, ipv4Subtree);
    }

    /** Sets the record reached by the first {@code depth} bits, splitting data records on the way. */
    private void setRecord(byte[] address, int depth, Object record) {
        Node node = root;
        for (int i = 0; i < depth - 1; i++) {
            int bit = bit(address, i);
            Object child = node.records[bit];
            if (!(child instanceof Node)) {
                // A wider network (or nothing) held this range: both halves keep it below the new node.
                child = new Node(child, child);
                node.records[bit] = child;
            }
            node = (Node) child;
        }
        node.records[bit(address, depth - 1)] = record;
    }

    private static int bit(byte[] address, int index) {
        return (address[index / 8] >> (7 - index % 8)) & 1;
    }

    /**
     * Numbers nodes breadth-first from the root (node 0); a shared subtree gets one set of numbers.
     * Node keeps identity equality, and the map's order is the numbering order.
     */
    private Map<Node, Integer> numberNodes() {
        Map<Node, Integer> numbers = new LinkedHashMap<>();
        Deque<Node> queue = new ArrayDeque<>();
        numbers.put(root, 0);
        queue.add(root);
        while (!queue.isEmpty()) {
            for (Object record : queue.remove().records) {
                if (record instanceof Node && !numbers.containsKey(record)) {
                    numbers.put((Node) record, numbers.size());
                    queue.add((Node) record);
                }
            }
        }
        return numbers;
    }

    private long recordValue(Object record, Map<Node, Integer> nodeNumbers, Map<Leaf, Integer> dataOffsets,
                             int nodeCount) {
        long value;
        if (record == null) {
            value = nodeCount;
        } else if (record instanceof Node) {
            value = nodeNumbers.get(record);
        } else {
            value = (long) nodeCount + DATA_SECTION_SEPARATOR + dataOffsets.get(record);
        }
        if (value >= 1L << recordSize) {
            throw new IllegalStateException("database too large for " + recordSize + "-bit records");
        }
        return value;
    }

    private void writeNode(ByteBuffer tree, long left, long right) {
        switch (recordSize) {
            case 24:
                putThreeBytes(tree, left);
                putThreeBytes(tree, right);
                break;
            case 28:
                // The middle byte carries the top four bits of each record: left's high nibble first.
                putThreeBytes(tree, left);
                tree.put((byte) (((left >> 24) & 0x0F) << 4 | ((right >> 24) & 0x0F)));
                putThreeBytes(tree, right);
                break;
            default:
                tree.putInt((int) left);
                tree.putInt((int) right);
        }
    }

    private static void putThreeBytes(ByteBuffer buffer, long value) {
        buffer.put((byte) (value >> 16));
        buffer.put((byte) (value >> 8));
        buffer.put((byte) value);
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String) {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            writeControl(TYPE_STRING, utf8.length, out);
            out.writeBytes(utf8);
        } else if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            writeControl(TYPE_MAP, map.size(), out);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new IllegalArgumentException("MMDB map keys are strings, not " + entry.getKey());
                }
                encode(entry.getKey(), out);
                encode(entry.getValue(), out);
            }
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            writeControl(TYPE_ARRAY, list.size(), out);
            list.forEach(element -> encode(element, out));
        } else if (value instanceof Unsigned) {
            Unsigned unsigned = (Unsigned) value;
            byte[] magnitude = unsigned.value().toByteArray();
            // Big-endian without leading zero bytes (BigInteger adds one for the sign bit).
            int skip = 0;
            while (skip < magnitude.length && magnitude[skip] == 0) {
                skip++;
            }
            writeControl(unsigned.type(), magnitude.length - skip, out);
            out.write(magnitude, skip, magnitude.length - skip);
        } else if (value instanceof Integer) {
            writeControl(TYPE_INT32, 4, out);
            out.writeBytes(ByteBuffer.allocate(4).putInt((Integer) value).array());
        } else if (value instanceof Double) {
            writeControl(TYPE_DOUBLE, 8, out);
            out.writeBytes(ByteBuffer.allocate(8).putDouble((Double) value).array());
        } else if (value instanceof Float) {
            writeControl(TYPE_FLOAT, 4, out);
            out.writeBytes(ByteBuffer.allocate(4).putFloat((Float) value).array());
        } else if (value instanceof Boolean) {
            // A boolean's value is its size; it has no payload.
            writeControl(TYPE_BOOLEAN, (Boolean) value ? 1 : 0, out);
        } else if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            writeControl(TYPE_BYTES, bytes.length, out);
            out.writeBytes(bytes);
        } else {
            throw new IllegalArgumentException("no MMDB type for " + (value == null ? "null" : value.getClass())
                + "; for unsigned integers use MmdbWriter.uint16/uint32/uint64/uint128");
        }
    }

    /**
     * The control byte: type in the top three bits (0 = extended, the type minus 7 in the next
     * byte), size in the low five bits, with 29/30/31 announcing one/two/three extra size bytes.
     */
    private static void writeControl(int type, int size, ByteArrayOutputStream out) {
        int typeBits = type <= 7 ? type << 5 : 0;
        byte[] sizeBytes;
        int sizeBits;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 285 + 65_536) {
            sizeBits = 30;
            int rest = size - 285;
            sizeBytes = new byte[] {(byte) (rest >> 8), (byte) rest};
        } else {
            sizeBits = 31;
            int rest = size - 65_821;
            sizeBytes = new byte[] {(byte) (rest >> 16), (byte) (rest >> 8), (byte) rest};
        }
        out.write(typeBits | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }
}
