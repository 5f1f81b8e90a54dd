package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.CollectEvents;
import app.tax.analytics.application.port.out.EventQueue;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.domain.event.Envelope;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.ParseResult;
import app.tax.analytics.domain.source.WriteKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link CollectEvents}: write key, rate limit, validation, then one publish of the valid messages. */
public final class CollectService implements CollectEvents {
    private static final System.Logger LOG = System.getLogger(CollectService.class.getName());
    /** How long a client should wait before retrying when the queue is unavailable. */
    static final Duration QUEUE_RETRY_AFTER = Duration.ofSeconds(5);

    private final WriteKeys writeKeys;
    private final RateLimiter rateLimiter;
    private final EventQueue queue;
    private final EventParser parser;
    private final PipelineMetrics metrics;
    private final Clock clock;

    public CollectService(WriteKeys writeKeys, RateLimiter rateLimiter, EventQueue queue, EventParser parser,
                          PipelineMetrics metrics, Clock clock) {
        this.writeKeys = Objects.requireNonNull(writeKeys);
        this.rateLimiter = Objects.requireNonNull(rateLimiter);
        this.queue = Objects.requireNonNull(queue);
        this.parser = Objects.requireNonNull(parser);
        this.metrics = Objects.requireNonNull(metrics);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Outcome collect(Request request) {
        int count = request.messages().size();
        if (request.writeKey() == null || request.writeKey().isEmpty()) {
            metrics.eventsRejected("unauthorized", count);
            return new Outcome.Unauthorized("no write key: send it as the Basic auth user name, as writeKey in the body, or as X-Write-Key");
        }
        Optional<String> source = writeKeys.sourceFor(request.writeKey());
        if (source.isEmpty()) {
            metrics.eventsRejected("unauthorized", count);
            return new Outcome.Unauthorized("unknown write key");
        }
        if (rateLimiter.acquire(source.get() + "|" + request.clientIp()) instanceof RateLimiter.Verdict.Limited limited) {
            metrics.eventsRejected("rate_limited", count);
            return new Outcome.RateLimited(limited.retryAfter());
        }
        if (count == 0) {
            return new Outcome.Invalid(List.of(new Rejection(0, request.isBatch()
                    ? "batch: must be a non-empty array of messages" : "the body must be a JSON object")));
        }

        Envelope envelope = new Envelope(source.get(), clock.instant(), request.clientIp(),
                request.batchContext());
        List<Event> valid = new ArrayList<>(count);
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object message = request.messages().get(i);
            if (!(message instanceof Map<?, ?>)) {
                rejected.add(new Rejection(i, "must be a JSON object"));
                continue;
            }
            @SuppressWarnings("unchecked")
            ParseResult result = parser.parse((Map<String, Object>) message, request.impliedType(), envelope);
            if (result instanceof ParseResult.Parsed parsed) {
                valid.add(parsed.event());
            } else if (result instanceof ParseResult.Invalid invalid) {
                rejected.add(new Rejection(i, invalid.message()));
            }
        }
        if (!rejected.isEmpty()) {
            metrics.eventsRejected("invalid", rejected.size());
        }
        if (valid.isEmpty()) {
            return new Outcome.Invalid(rejected);
        }
        try {
            queue.publish(valid);
        } catch (QueueUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "queue unavailable, answering 503 for {0} events: {1}", valid.size(), e.getMessage());
            metrics.eventsRejected("queue_unavailable", valid.size());
            return new Outcome.Unavailable(QUEUE_RETRY_AFTER);
        }
        metrics.eventsAccepted(source.get(), valid.size());
        return new Outcome.Accepted(valid.size(), rejected);
    }
}
