package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.CollectEvents;
import app.tax.analytics.application.port.in.CollectEvents.Outcome;
import app.tax.analytics.application.port.in.CollectEvents.Rejection;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.IngestionLimits;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/** The Segment-compatible ingestion endpoints (docs/ARCHITECTURE.md, "Ingestion contract"). */
final class CollectorRoutes {
    static final String ALLOWED_METHODS = "POST";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, X-Write-Key";
    static final String EXPOSED_HEADERS = "Retry-After";
    /** How many rejections a 400's one-line error spells out before pointing to the list. */
    private static final int REJECTIONS_IN_MESSAGE = 3;
    /** How many rejections an answer lists (the first ones); {@code rejectedCount} gives them all. */
    static final int REJECTIONS_LISTED = 20;

    /**
     * Requests answered when the queue confirms rather than in a thread waiting for it. Each holds its body and
     * events, so they are bounded as the request threads are; past the bound a request waits in its thread, as it
     * would with a queue that cannot confirm asynchronously.
     */
    static final int MOST_ANSWERS_AWAITED = ServerLimits.MAX_THREADS;

    private final CollectEvents collect;
    private final ProxyPolicy proxy;
    private final Semaphore answersAwaited;

    CollectorRoutes(CollectEvents collect, ProxyPolicy proxy, int mostAnswersAwaited) {
        this.collect = Objects.requireNonNull(collect);
        this.proxy = Objects.requireNonNull(proxy);
        this.answersAwaited = new Semaphore(mostAnswersAwaited);
    }

    /** @param requestThreads where a request is answered once its queue confirms */
    void register(ApiRoutes routes, Executor requestThreads) {
        Executor answers = inCallerIfRefused(requestThreads);
        for (EventType type : EventType.values()) {
            routes.post("/v1/" + type.wireName(), ctx -> collect(ctx, type, answers));
        }
        routes.post("/v1/batch", ctx -> collect(ctx, null, answers));
        // Segment's short batch path: the mobile libraries (analytics-kotlin, analytics-swift) upload to /v1/b
        routes.post("/v1/b", ctx -> collect(ctx, null, answers));
        routes.post("/v1/import", ctx -> collect(ctx, null, answers));
        routes.get("/v1/projects/{writeKey}/settings", this::settings);
    }

    /**
     * What Segment's CDN tells a mobile library when it starts (its {@code cdnHost} pointed here): only the
     * Segment destination, without an {@code apiHost}, so the library uploads to the {@code apiHost} it was
     * configured with. Without this answer analytics-kotlin never enables its upload. Unknown keys: 404.
     */
    private void settings(Context ctx) {
        String writeKey = ctx.pathParam("writeKey");
        if (!collect.knowsWriteKey(writeKey)) {
            throw new HttpFailure(404, "no settings for this write key");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integrations", Map.of("Segment.io", Map.of("apiKey", writeKey)));
        body.put("plan", Map.of());
        body.put("edgeFunction", Map.of());
        Responses.json(ctx, 200, body);
    }

    /** @param impliedType the endpoint's type, or null for a batch */
    private void collect(Context ctx, EventType impliedType, Executor answers) {
        String headerKey = headerWriteKey(ctx.header("Authorization"), ctx.header("X-Write-Key"));
        if (headerKey != null && !collect.knowsWriteKey(headerKey)) {
            // refused before reading: an unknown key costs no body read (BodyPrefetch skipped it too)
            throw new HttpFailure(401, "unknown write key");
        }
        Optional<Outcome.Unavailable> full = collect.unavailableNow();
        if (full.isPresent()) {
            // unparsed: its events would be refused anyway, and parsing them would take CPU from draining the queue
            collect.refused("queue_unavailable", 1);
            respond(ctx, full.get(), null, impliedType != null);
            return;
        }
        byte[] body = BodyReader.read(ctx, IngestionLimits.MAX_REQUEST_BYTES);
        IngestionBody parsed;
        try {
            parsed = impliedType == null ? IngestionBody.batch(body) : IngestionBody.single(body);
        } catch (HttpFailure unreadable) {
            // a body that is not the expected JSON counts as one rejected event: no refusal goes unseen
            collect.refused(unreadable.status() == 413 ? "too_large" : "malformed", 1);
            throw unreadable;
        }
        // items refused here, before validation, are counted with the service's rejections (docs/ARCHITECTURE.md, "Observability")
        parsed.refusalsByReason().forEach((reason, count) -> collect.refused(reason, count.intValue()));
        CompletableFuture<Outcome> outcome = collect.collectAsync(new CollectEvents.Request(writeKey(ctx, parsed.writeKey()),
                impliedType, parsed.messages(), parsed.batchContext(), ClientAddress.of(ctx, proxy))).toCompletableFuture();
        boolean single = impliedType != null;
        if (outcome.isDone() || !answersAwaited.tryAcquire()) {
            respond(ctx, CollectEvents.awaitOutcome(outcome), parsed, single);
            return;
        }
        // The queue completes the outcome on its I/O thread; the answer is written from a request thread, since a
        // client that stops reading could block the write, and with it every other request's queue commands.
        ctx.future(() -> outcome.handleAsync((decided, failure) -> {
            answersAwaited.release();
            if (failure != null) {
                throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
            }
            respond(ctx, decided, parsed, single);
            return null;
        }, answers));
    }

    /**
     * The request threads, or the completing thread when their queue is full: a completion whose executor refuses
     * it would never run, and its request would never be answered.
     */
    private static Executor inCallerIfRefused(Executor answers) {
        return task -> {
            try {
                answers.execute(task);
            } catch (RejectedExecutionException full) {
                task.run();
            }
        };
    }

    /**
     * @param parsed the request's body, or null when it was refused unparsed (then the outcome lists no messages)
     * @param single whether it was a single call (its one problem needs no index) rather than a batch
     */
    private static void respond(Context ctx, Outcome outcome, IngestionBody parsed, boolean single) {
        if (outcome instanceof Outcome.Accepted accepted) {
            List<Rejection> rejected = parsed.rejections(accepted.rejected());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            if (!rejected.isEmpty()) {
                body.put("accepted", accepted.accepted());
                putRejected(body, rejected);
            }
            Responses.json(ctx, 200, body);
        } else if (outcome instanceof Outcome.Invalid invalid) {
            List<Rejection> rejected = parsed.rejections(invalid.rejected());
            // an empty batch has no items to point at: its one problem is the batch itself
            boolean oneProblem = single || parsed.isEmptyBatch();
            Map<String, Object> body = ErrorStyle.SEGMENT.body(describe(rejected, oneProblem));
            if (!oneProblem) {
                putRejected(body, rejected);
            }
            Responses.json(ctx, 400, body);
        } else if (outcome instanceof Outcome.Unauthorized unauthorized) {
            ErrorStyle.SEGMENT.respond(ctx, new HttpFailure(401, unauthorized.reason()));
        } else if (outcome instanceof Outcome.RateLimited limited) {
            ErrorStyle.SEGMENT.respond(ctx, new HttpFailure(429, "rate limit exceeded; retry later", limited.retryAfter()));
        } else if (outcome instanceof Outcome.Unavailable unavailable) {
            ErrorStyle.SEGMENT.respond(ctx, new HttpFailure(503, "events cannot be queued right now; retry later",
                    unavailable.retryAfter()));
        } else {
            throw new IllegalStateException("unknown outcome " + outcome.getClass().getSimpleName());
        }
    }

    /** One line that says what is wrong and where; a problem of the whole request needs no index. */
    private static String describe(List<Rejection> rejected, boolean oneProblem) {
        if (rejected.isEmpty()) {
            return "no valid message";
        }
        if (oneProblem) {
            return rejected.get(0).error();
        }
        List<String> shown = new ArrayList<>();
        for (Rejection rejection : rejected.subList(0, Math.min(REJECTIONS_IN_MESSAGE, rejected.size()))) {
            shown.add("[" + rejection.index() + "] " + rejection.error());
        }
        String more = rejected.size() > REJECTIONS_IN_MESSAGE
                ? " (and " + (rejected.size() - REJECTIONS_IN_MESSAGE) + " more, see rejectedCount)" : "";
        return "no valid message in the batch: " + String.join("; ", shown) + more;
    }

    /** The first {@link #REJECTIONS_LISTED} rejections and their count: the answer stays small whatever the batch. */
    private static void putRejected(Map<String, Object> body, List<Rejection> rejected) {
        body.put("rejectedCount", rejected.size());
        body.put("rejected", toJson(rejected.subList(0, Math.min(REJECTIONS_LISTED, rejected.size()))));
    }

    private static List<Map<String, Object>> toJson(List<Rejection> rejected) {
        List<Map<String, Object>> items = new ArrayList<>(rejected.size());
        for (Rejection rejection : rejected) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", rejection.index());
            item.put("error", rejection.error());
            items.add(item);
        }
        return items;
    }

    /**
     * The write key, from the first of: HTTP Basic user name (Segment's libraries), {@code X-Write-Key},
     * the body's {@code writeKey} (browsers' sendBeacon cannot set headers). Null when none was sent.
     */
    static String writeKey(Context ctx, String fromBody) {
        String header = headerWriteKey(ctx.header("Authorization"), ctx.header("X-Write-Key"));
        if (header != null) {
            return header;
        }
        return fromBody == null || fromBody.isBlank() ? null : fromBody.strip();
    }

    /** The write key of the Basic user name, else of {@code X-Write-Key}; null when neither has one. */
    static String headerWriteKey(String authorization, String xWriteKey) {
        String basic = basicUserName(authorization);
        if (basic != null) {
            return basic;
        }
        return xWriteKey != null && !xWriteKey.isBlank() ? xWriteKey.strip() : null;
    }

    /** Whether {@link BodyPrefetch} should read a request's body: not when its header names an unknown key. */
    boolean wantsBody(HttpServletRequest request) {
        String key = headerWriteKey(request.getHeader("Authorization"), request.getHeader("X-Write-Key"));
        return key == null || collect.knowsWriteKey(key);
    }

    private static String basicUserName(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isBlank() ? null : user.strip();
    }
}
