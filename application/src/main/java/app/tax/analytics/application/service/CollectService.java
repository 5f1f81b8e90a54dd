package app.tax.analytics.application.service;

import app.tax.analytics.application.logging.RepeatedWarning;
import app.tax.analytics.application.port.in.CollectEvents;
import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.StateUnavailableException;
import app.tax.analytics.domain.event.CookielessVisitors;
import app.tax.analytics.domain.event.Envelope;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.ParseResult;
import app.tax.analytics.domain.source.WriteKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link CollectEvents}: write key, rate limit, validation, then one publish of the valid messages. With
 * {@link DailySalts}, messages without userId and anonymousId get a cookieless visitor id (see
 * {@link CookielessVisitors}) instead of being refused.
 */
public final class CollectService implements CollectEvents {
    private static final System.Logger LOG = System.getLogger(CollectService.class.getName());
    /** How long a client should wait before retrying when the queue is unavailable. */
    static final Duration QUEUE_RETRY_AFTER = Duration.ofSeconds(5);

    private final WriteKeys writeKeys;
    private final RateLimiter rateLimiter;
    private final PublishEvents queue;
    private final EventParser parser;
    private final PipelineMetrics metrics;
    private final Clock clock;
    /** Null when cookieless visitor ids are off. */
    private final DailySalts dailySalts;
    /** One line per interval however many requests are refused (a full queue refuses thousands a second). */
    private final RepeatedWarning queueWarning = new RepeatedWarning(LOG, RepeatedWarning.DEFAULT_INTERVAL, System::nanoTime);
    private final RepeatedWarning saltWarning = new RepeatedWarning(LOG, RepeatedWarning.DEFAULT_INTERVAL, System::nanoTime);

    /** Without cookieless visitor ids: every message must carry userId or anonymousId. */
    public CollectService(WriteKeys writeKeys, RateLimiter rateLimiter, PublishEvents queue, EventParser parser,
                          PipelineMetrics metrics, Clock clock) {
        this(writeKeys, rateLimiter, queue, parser, metrics, clock, null);
    }

    /**
     * @param dailySalts the salts of cookieless visitor ids, or null to refuse messages without ids
     */
    public CollectService(WriteKeys writeKeys, RateLimiter rateLimiter, PublishEvents queue, EventParser parser,
                          PipelineMetrics metrics, Clock clock, DailySalts dailySalts) {
        this.writeKeys = Objects.requireNonNull(writeKeys);
        this.rateLimiter = Objects.requireNonNull(rateLimiter);
        this.queue = Objects.requireNonNull(queue);
        this.parser = Objects.requireNonNull(parser);
        this.metrics = Objects.requireNonNull(metrics);
        this.clock = Objects.requireNonNull(clock);
        this.dailySalts = dailySalts;
    }

    @Override
    public CompletionStage<Outcome> collectAsync(Request request) {
        int count = request.messages().size();
        if (request.writeKey() == null || request.writeKey().isEmpty()) {
            metrics.eventsRejected("unauthorized", count);
            return decided(new Outcome.Unauthorized("no write key: send it as the Basic auth user name, as writeKey in the body, or as X-Write-Key"));
        }
        Optional<String> source = writeKeys.sourceFor(request.writeKey());
        if (source.isEmpty()) {
            metrics.eventsRejected("unauthorized", count);
            return decided(new Outcome.Unauthorized("unknown write key"));
        }
        if (rateLimiter.acquire(source.get() + "|" + request.clientIp()) instanceof RateLimiter.Verdict.Limited limited) {
            metrics.eventsRejected("rate_limited", count);
            return decided(new Outcome.RateLimited(limited.retryAfter()));
        }
        if (count == 0) {
            return decided(new Outcome.Invalid(List.of(new Rejection(0, request.isBatch()
                    ? "batch: must be a non-empty array of messages" : "the body must be a JSON object"))));
        }

        Instant receivedAt = clock.instant();
        Envelope envelope = new Envelope(source.get(), receivedAt, request.clientIp(), request.batchContext(),
                cookielessVisitors(receivedAt));
        List<Event> valid = new ArrayList<>(count);
        List<Rejection> rejected = new ArrayList<>();
        try {
            validate(request, envelope, valid, rejected);
        } catch (StateUnavailableException e) {
            saltWarning.warn("cookieless salt unavailable, answering 503 for " + count + " messages: " + e.getMessage());
            metrics.eventsRejected("salt_unavailable", count);
            return decided(new Outcome.Unavailable(QUEUE_RETRY_AFTER));
        }
        if (!rejected.isEmpty()) {
            metrics.eventsRejected("invalid", rejected.size());
        }
        if (valid.isEmpty()) {
            return decided(new Outcome.Invalid(rejected));
        }
        String acceptedFrom = source.get();
        return queue.publishAsync(valid).handle((published, failure) -> {
            if (failure == null) {
                metrics.eventsAccepted(acceptedFrom, valid.size());
                return new Outcome.Accepted(valid.size(), rejected);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof QueueUnavailableException unavailable)) {
                throw new CompletionException(cause);
            }
            queueWarning.warn("queue unavailable, answering 503 for " + valid.size() + " events: " + unavailable.getMessage());
            metrics.eventsRejected("queue_unavailable", valid.size());
            return new Outcome.Unavailable(QUEUE_RETRY_AFTER);
        });
    }

    private static CompletionStage<Outcome> decided(Outcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    @Override
    public void refused(String reason, int count) {
        metrics.eventsRejected(reason, count);
    }

    @Override
    public Optional<Outcome.Unavailable> unavailableNow() {
        return queue.isFull() ? Optional.of(new Outcome.Unavailable(QUEUE_RETRY_AFTER)) : Optional.empty();
    }

    @Override
    public boolean knowsWriteKey(String writeKey) {
        return writeKey != null && writeKeys.sourceFor(writeKey).isPresent();
    }

    /** Parses every message into {@code valid} or {@code rejected} (by its index in the request). */
    private void validate(Request request, Envelope envelope, List<Event> valid, List<Rejection> rejected) {
        for (int i = 0; i < request.messages().size(); i++) {
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
    }

    /** Derives ids with today's salt (UTC), fetched at most once per request and only when a message needs it. */
    private CookielessVisitors cookielessVisitors(Instant receivedAt) {
        if (dailySalts == null) {
            return CookielessVisitors.NONE;
        }
        LocalDate utcDay = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
        Supplier<String> salt = new Supplier<>() {
            private String fetched;

            @Override
            public String get() {
                if (fetched == null) {
                    fetched = dailySalts.saltFor(utcDay);
                }
                return fetched;
            }
        };
        return CookielessVisitors.salted(salt);
    }
}
