package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.ManageApiKeys;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.domain.access.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ManageApiKeys}: a key is {@code ak_<id>_<43 random base64url characters>} (256 random bits). Only its
 * SHA-256 is stored: the key is random, so a slow password hash would add nothing but cost to every request.
 * Every request reads the store, so a revocation holds at once on every dashboard instance.
 */
public final class ApiKeyService implements ManageApiKeys {
    private static final String PREFIX = ApiKey.PREFIX;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ApiKeyStore keys;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public CreatedKey create(String name, Set<String> sources, int minVisitors) {
        String id = randomId();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey created = new ApiKey(id, name, sources, minVisitors, sha256(key), clock.instant());
        keys.save(created);
        AuditLog.accessChanged("API key created for " + created.sources().size() + " source(s)", id);
        return new CreatedKey(created, key);
    }

    @Override
    public List<ApiKey> list() {
        return keys.list();
    }

    @Override
    public boolean revoke(String id) {
        boolean revoked = ApiKey.isId(id) && keys.remove(id);
        if (revoked) {
            AuditLog.accessChanged("API key revoked", id);
        }
        return revoked;
    }

    @Override
    public Optional<ApiKey> keyFor(String presented) {
        if (!ApiKey.looksLikeKey(presented) || presented.length() != PREFIX.length() + 12 + 1 + 43) {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), PREFIX.length() + 12);
        if (!ApiKey.isId(id) || presented.charAt(PREFIX.length() + 12) != '_') {
            return Optional.empty();
        }
        byte[] hash = sha256(presented).getBytes(StandardCharsets.US_ASCII);
        return keys.find(id).filter(key -> MessageDigest.isEqual(key.keyHash().getBytes(StandardCharsets.US_ASCII), hash));
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_CHARACTERS[RANDOM.nextInt(ID_CHARACTERS.length)]);
        }
        return id.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
