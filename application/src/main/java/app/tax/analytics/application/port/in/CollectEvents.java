package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.event.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Validates incoming Segment messages and puts the valid ones on the queue. */
public interface CollectEvents {

    /**
     * Validates and publishes, completing when the queue has taken the valid messages (or refused them: then the
     * outcome is {@link Outcome.Unavailable}). The caller's thread does the validation; it does not wait for the queue
     * where the queue can confirm without it. Callbacks may run on the queue's own I/O thread: they must not block.
     */
    CompletionStage<Outcome> collectAsync(Request request);

    /** {@link #collectAsync}, waiting for its outcome in the caller's thread. */
    default Outcome collect(Request request) {
        return awaitOutcome(collectAsync(request));
    }

    /** Waits for an outcome of {@link #collectAsync}; an unexpected failure is thrown as it was raised. */
    static Outcome awaitOutcome(CompletionStage<Outcome> pending) {
        try {
            return pending.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw e;
        }
    }

    /**
     * Counts messages refused before they could be collected (a body that is not JSON, batch items too large
     * or not objects) into the same rejection metric as {@link #collect}'s own rejections.
     *
     * @param reason a short, fixed label: malformed, too_large, not_an_object, queue_unavailable (a request
     *               refused unparsed by {@link #unavailableNow}, counted as one message)
     */
    void refused(String reason, int count);

    /**
     * The answer every ingestion request gets now whatever its body holds (the queue is full), or empty when
     * bodies are worth parsing. The collector gives it without parsing: under overload, the CPU a body would take
     * goes to draining the queue instead.
     */
    Optional<Outcome.Unavailable> unavailableNow();

    /** Whether a write key is known, so that a request naming an unknown one in a header is refused unread. */
    boolean knowsWriteKey(String writeKey);

    /**
     * One ingestion request, already parsed from JSON.
     *
     * @param writeKey     the raw write key (never stored or logged), or null when none was sent
     * @param impliedType  the endpoint's type ({@code /v1/track} → TRACK), or null for a batch
     * @param messages     the messages: one for a single call, the items of a batch (each should be an object)
     * @param batchContext a batch's top-level {@code context}, inherited by its items
     * @param clientIp     the client's address, after the proxy rules (not its User-Agent: a server-side
     *                     sender's header names its HTTP library, not the visitor's device)
     */
    record Request(String writeKey, EventType impliedType, List<Object> messages, Map<String, Object> batchContext,
                   String clientIp) {
        public Request {
            messages = messages == null ? List.of() : messages;
            batchContext = batchContext == null ? Map.of() : batchContext;
        }

        public boolean isBatch() {
            return impliedType == null;
        }
    }

    /** A message that was not accepted: its position in the request and what is wrong. */
    record Rejection(int index, String error) {
    }

    sealed interface Outcome {
        /** Some or all messages were durably queued; {@code rejected} lists the others. */
        record Accepted(int accepted, List<Rejection> rejected) implements Outcome {
        }

        /** Nothing was valid. */
        record Invalid(List<Rejection> rejected) implements Outcome {
        }

        /** Missing or unknown write key. */
        record Unauthorized(String reason) implements Outcome {
        }

        /** Over the rate limit for this source and client. */
        record RateLimited(Duration retryAfter) implements Outcome {
        }

        /** The queue could not take the events: nothing may be taken as accepted; retry later. */
        record Unavailable(Duration retryAfter) implements Outcome {
        }
    }
}
