package app.tax.analytics.domain.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the collector knows about a request, beyond its messages.
 *
 * @param source         the source name the write key resolved to
 * @param receivedAt     server time of receipt
 * @param clientIp       the request's client address (after the proxy rules), or null
 * @param userAgent      the request's {@code User-Agent}, or null
 * @param batchContext   a batch's top-level {@code context}, inherited by its items (empty otherwise)
 */
public record Envelope(String source, Instant receivedAt, String clientIp, String userAgent,
                       Map<String, Object> batchContext) {
    public Envelope {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        batchContext = batchContext == null ? Map.of() : batchContext;
    }
}
