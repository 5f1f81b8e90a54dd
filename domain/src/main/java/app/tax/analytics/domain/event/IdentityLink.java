package app.tax.analytics.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One edge of a source's identity map (docs/STATS.md, "Identity"): {@code linkedId} belongs to the person
 * {@code userId} from {@code linkedAt} on. An {@code identify} carrying both ids links its anonymousId, an
 * {@code alias} links its previousId (an anonymous id or an earlier userId). Edges are never updated, only
 * added; when one id has several, the stores read the first (earliest {@code linkedAt}, then least
 * {@code messageId}). {@code messageId} makes a redelivered event the same edge again.
 */
public record IdentityLink(String source, String linkedId, String userId, Instant linkedAt, String messageId) {
    public IdentityLink {
        requireText(source, "source");
        requireText(linkedId, "linkedId");
        requireText(userId, "userId");
        Objects.requireNonNull(linkedAt, "linkedAt");
        requireText(messageId, "messageId");
        if (linkedId.equals(userId)) {
            throw new IllegalArgumentException("an id cannot be linked to itself: " + userId);
        }
    }

    /** The edge an event makes: an identify with a userId and another anonymousId, an alias with both ids; else none. */
    public static Optional<IdentityLink> of(Event event) {
        String from = switch (event.type()) {
            case IDENTIFY -> event.anonymousId();
            case ALIAS -> event.previousId();
            default -> null;
        };
        String to = event.userId();
        if (isBlank(from) || isBlank(to) || from.equals(to)) {
            return Optional.empty();
        }
        return Optional.of(new IdentityLink(event.source(), from, to, event.timestamp(), event.messageId()));
    }

    private static void requireText(String value, String field) {
        if (isBlank(value)) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
