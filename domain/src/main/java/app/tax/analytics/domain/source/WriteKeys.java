package app.tax.analytics.domain.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allowed write keys ({@code ALLOWED_WRITE_KEYS}: comma-separated {@code key} or {@code name:key})
 * and the source each one stands for. Keys are held only as SHA-256 digests, so the raw key is never
 * stored, logged or compared byte by byte.
 */
public final class WriteKeys {
    private final Map<String, String> sourceByKeyDigest;

    private WriteKeys(Map<String, String> sourceByKeyDigest) {
        this.sourceByKeyDigest = Collections.unmodifiableMap(sourceByKeyDigest);
    }

    /**
     * @throws IllegalArgumentException naming the bad entry's position (never its key)
     */
    public static WriteKeys parse(String allowedWriteKeys) {
        Map<String, String> sources = new LinkedHashMap<>();
        if (allowedWriteKeys == null || allowedWriteKeys.isBlank()) {
            return new WriteKeys(sources);
        }
        String[] entries = allowedWriteKeys.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String name = colon < 0 ? null : entry.substring(0, colon).strip();
            String key = colon < 0 ? entry : entry.substring(colon + 1).strip();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("entry " + (i + 1) + " has an empty key");
            }
            if (key.length() < 8) {
                throw new IllegalArgumentException("entry " + (i + 1) + " has a key shorter than 8 characters");
            }
            if (name != null && !SourceName.isValid(name)) {
                // Not echoed: in an unnamed key that contains ':' the "name" is part of the key.
                throw new IllegalArgumentException("entry " + (i + 1) + " has an invalid source name before ':'; " + SourceName.RULE);
            }
            String digest = digest(key);
            String source = name != null ? name : "key-" + digest.substring(0, 8);
            if (sources.putIfAbsent(digest, source) != null) {
                throw new IllegalArgumentException("entry " + (i + 1) + " repeats a key given earlier");
            }
        }
        return new WriteKeys(sources);
    }

    /** The source name for a raw key, or empty when the key is not allowed. */
    public Optional<String> sourceFor(String rawKey) {
        if (rawKey == null || rawKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(sourceByKeyDigest.get(digest(rawKey)));
    }

    public boolean isEmpty() {
        return sourceByKeyDigest.isEmpty();
    }

    /** Source names in configuration order (unnamed keys appear as {@code key-<hash prefix>}). */
    public List<String> sourceNames() {
        return sourceByKeyDigest.values().stream().distinct().toList();
    }

    private static String digest(String key) {
        // digest() resets the instance, so each thread reuses its own
        return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** One per thread: the algorithm was looked up on every request (it showed in the collector's profile). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });
}
