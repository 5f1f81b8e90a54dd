package app.tax.analytics.domain.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the collector knows about a request, beyond its messages. Not its {@code User-Agent}: a
 * server-side sender's header names its HTTP library, not the visitor, so only the message's own
 * {@code context.userAgent} describes the visitor's device (as in Segment's HTTP API).
 *
 * @param source         the source name the write key resolved to
 * @param receivedAt     server time of receipt
 * @param clientIp       the request's client address (after the proxy rules), or null
 * @param batchContext   a batch's top-level {@code context}, inherited by its items (empty otherwise)
 * @param cookieless     derives a visitor id for messages without userId and anonymousId
 */
public record Envelope(String source, Instant receivedAt, String clientIp, Map<String, Object> batchContext,
                       CookielessVisitors cookieless) {
    public Envelope {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        batchContext = batchContext == null ? Map.of() : batchContext;
        cookieless = cookieless == null ? CookielessVisitors.NONE : cookieless;
    }

    /** An envelope that derives no visitor ids: a message must carry its own. */
    public Envelope(String source, Instant receivedAt, String clientIp, Map<String, Object> batchContext) {
        this(source, receivedAt, clientIp, batchContext, CookielessVisitors.NONE);
    }
}
