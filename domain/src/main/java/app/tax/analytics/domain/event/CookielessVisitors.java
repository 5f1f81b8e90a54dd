package app.tax.analytics.domain.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Visitor ids for events that come with neither {@code userId} nor {@code anonymousId} (the browser SDK's
 * cookieless mode): {@code "cl-" + SHA-256(daily salt, source, client IP, user agent)}, cut to 128 bits. The
 * same browser on the same network is one visitor for one day; with the salt rotated daily and never stored
 * with the events, the id cannot be traced back to the IP nor linked across days.
 */
@FunctionalInterface
public interface CookielessVisitors {
    /** Marks derived ids, so they are never mistaken for an SDK's own. */
    String PREFIX = "cl-";

    /** Derives nothing: events without ids stay invalid. */
    CookielessVisitors NONE = (source, clientIp, userAgent) -> null;

    /**
     * @return the visitor id, or null when there is no IP or user agent to derive it from
     */
    String visitorId(String source, String clientIp, String userAgent);

    /**
     * @param salt today's salt, asked for only when an id is derived (it may live in another process)
     */
    static CookielessVisitors salted(Supplier<String> salt) {
        Objects.requireNonNull(salt, "salt");
        return (source, clientIp, userAgent) -> isBlank(clientIp) || isBlank(userAgent)
                ? null : hash(salt.get(), source, clientIp.strip(), userAgent.strip());
    }

    /** The id for these values; each is length-prefixed so that no two different inputs hash the same text. */
    static String hash(String salt, String source, String clientIp, String userAgent) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String part : new String[] {salt, source, clientIp, userAgent}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        byte[] digest = sha256.digest();
        return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
