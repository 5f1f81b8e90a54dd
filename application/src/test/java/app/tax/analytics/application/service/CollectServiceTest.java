package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.in.CollectEvents.Outcome;
import app.tax.analytics.application.port.in.CollectEvents.Rejection;
import app.tax.analytics.application.port.in.CollectEvents.Request;
import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.StateUnavailableException;
import app.tax.analytics.application.testing.InMemoryEventQueue;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.application.testing.RecordingMetrics;
import app.tax.analytics.domain.event.CookielessVisitors;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.source.WriteKeys;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CollectServiceTest {
    private static final String KEY = "wk_web_0123456789";
    private static final String IP = "203.0.113.9";

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final InMemoryEventQueue queue = new InMemoryEventQueue(clock);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<String> rateLimitKeys = new ArrayList<>();
    private Duration limitedFor;
    private final RateLimiter rateLimiter = key -> {
        rateLimitKeys.add(key);
        return limitedFor == null ? new RateLimiter.Verdict.Allowed() : new RateLimiter.Verdict.Limited(limitedFor);
    };
    private final CollectService service = new CollectService(WriteKeys.parse("web:" + KEY), rateLimiter, queue,
            new EventParser(), metrics, clock);

    private static Map<String, Object> track(String userId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("userId", userId);
        message.put("event", "Return Filed");
        return message;
    }

    private static Map<String, Object> batchItem(String userId) {
        Map<String, Object> message = track(userId);
        message.put("type", "track");
        return message;
    }

    private static Request single(String key, Map<String, Object> message) {
        return new Request(key, EventType.TRACK, List.of(message), null, IP);
    }

    private static Request batch(String key, List<Object> items, Map<String, Object> context) {
        return new Request(key, null, items, context, IP);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "")
    void withoutAWriteKeyNothingIsTakenAndTheReasonSaysHowToSendOne(String key) {
        Outcome outcome = service.collect(batch(key, List.of(batchItem("u1"), batchItem("u2")), null));

        assertThat(outcome).isInstanceOf(Outcome.Unauthorized.class);
        assertThat(((Outcome.Unauthorized) outcome).reason()).contains("Basic", "writeKey", "X-Write-Key");
        assertThat(queue.published()).isEmpty();
        assertThat(rateLimitKeys).isEmpty();
        assertThat(metrics.rejected()).containsExactly(Map.entry("unauthorized", 2));
    }

    @Test
    void anUnknownWriteKeyIsUnauthorizedBeforeAnyRateLimit() {
        limitedFor = Duration.ofSeconds(9);

        Outcome outcome = service.collect(single("wk_other_0123456789", track("u1")));

        assertThat(outcome).isEqualTo(new Outcome.Unauthorized("unknown write key"));
        assertThat(rateLimitKeys).isEmpty();
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void overTheRateLimitPerSourceAndClientNothingIsTaken() {
        limitedFor = Duration.ofSeconds(42);

        Outcome outcome = service.collect(single(KEY, track("u1")));

        assertThat(outcome).isEqualTo(new Outcome.RateLimited(Duration.ofSeconds(42)));
        assertThat(rateLimitKeys).containsExactly("web|" + IP);
        assertThat(queue.published()).isEmpty();
        assertThat(metrics.rejected()).containsExactly(Map.entry("rate_limited", 1));
    }

    @Test
    void aValidMessageIsQueuedForItsSourceWithTheServersReceiveTime() {
        Outcome outcome = service.collect(single(KEY, track("u1")));

        assertThat(outcome).isEqualTo(new Outcome.Accepted(1, List.of()));
        Event queued = queue.published().get(0);
        assertThat(queued.source()).isEqualTo("web");
        assertThat(queued.type()).isEqualTo(EventType.TRACK);
        assertThat(queued.receivedAt()).isEqualTo(clock.instant());
        assertThat(queued.context().ip()).isEqualTo(IP);
        assertThat(queued.context().userAgent()).as("only the message's own context.userAgent describes the visitor").isNull();
        assertThat(metrics.accepted()).containsExactly(Map.entry("web", 1));
    }

    @Test
    void aBatchWithSomeBadItemsQueuesTheGoodOnesInOnePublishAndNamesTheBadOnes() {
        Map<String, Object> noType = track("u2");
        List<Object> items = new ArrayList<>();
        items.add(batchItem("u1"));
        items.add(noType);
        items.add("not an object");
        items.add(null);
        items.add(List.of(batchItem("u3")));
        items.add(batchItem("u4"));

        Outcome outcome = service.collect(batch(KEY, items, Map.of("ip", "198.51.100.1")));

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        Outcome.Accepted accepted = (Outcome.Accepted) outcome;
        assertThat(accepted.accepted()).isEqualTo(2);
        assertThat(accepted.rejected()).extracting(Rejection::index).containsExactly(1, 2, 3, 4);
        assertThat(accepted.rejected().get(0).error()).startsWith("type: required in a batch item");
        assertThat(accepted.rejected().subList(1, 4)).extracting(Rejection::error).containsOnly("must be a JSON object");
        assertThat(queue.publishCalls()).hasSize(1);
        assertThat(queue.published()).extracting(Event::userId).containsExactly("u1", "u4");
        assertThat(queue.published()).extracting(e -> e.context().ip()).containsOnly("198.51.100.1");
        assertThat(metrics.accepted()).containsExactly(Map.entry("web", 2));
        assertThat(metrics.rejected()).containsExactly(Map.entry("invalid", 4));
    }

    @Test
    void aBatchWithNothingValidIsInvalidAndQueuesNothing() {
        Outcome outcome = service.collect(batch(KEY, List.of(track("u1"), 7), null));

        assertThat(outcome).isInstanceOf(Outcome.Invalid.class);
        assertThat(((Outcome.Invalid) outcome).rejected()).extracting(Rejection::index).containsExactly(0, 1);
        assertThat(queue.publishCalls()).isEmpty();
        assertThat(metrics.accepted()).isEmpty();
    }

    @Test
    void anEmptyRequestIsInvalidWithAMessageForItsKind() {
        Outcome emptyBatch = service.collect(batch(KEY, List.of(), null));
        Outcome emptySingle = service.collect(new Request(KEY, EventType.PAGE, null, null, IP));

        assertThat(emptyBatch).isEqualTo(new Outcome.Invalid(List.of(new Rejection(0, "batch: must be a non-empty array of messages"))));
        assertThat(emptySingle).isEqualTo(new Outcome.Invalid(List.of(new Rejection(0, "the body must be a JSON object"))));
        assertThat(queue.publishCalls()).isEmpty();
    }

    @Test
    void whenTheQueueCannotTakeThemNothingCountsAsAccepted() {
        queue.makeUnavailable();

        Outcome outcome = service.collect(batch(KEY, List.of(batchItem("u1"), batchItem("u2"), "bad"), null));

        assertThat(outcome).isEqualTo(new Outcome.Unavailable(CollectService.QUEUE_RETRY_AFTER));
        assertThat(CollectService.QUEUE_RETRY_AFTER).isPositive();
        assertThat(metrics.accepted()).isEmpty();
        assertThat(metrics.rejected()).containsEntry("queue_unavailable", 2).containsEntry("invalid", 1);
    }

    @Test
    void theRequestDefaultsMissingListsAndMaps() {
        Request request = new Request(KEY, null, null, null, IP);

        assertThat(request.messages()).isEmpty();
        assertThat(request.batchContext()).isEmpty();
        assertThat(request.isBatch()).isTrue();
        assertThat(single(KEY, track("u")).isBatch()).isFalse();
    }

    /** Messages without userId and anonymousId, as the browser SDK sends them in cookieless mode. */
    @Nested
    class CookielessVisitorIds {
        private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0";
        private final Map<LocalDate, String> salts = new HashMap<>();
        private final List<LocalDate> saltRequests = new ArrayList<>();
        private boolean saltsUnavailable;
        private final DailySalts dailySalts = utcDay -> {
            saltRequests.add(utcDay);
            if (saltsUnavailable) {
                throw new StateUnavailableException("redis down", null);
            }
            return salts.computeIfAbsent(utcDay, day -> "salt-" + day);
        };
        private final CollectService cookielessService = new CollectService(WriteKeys.parse("web:" + KEY), rateLimiter,
                queue, new EventParser(), metrics, clock, dailySalts);

        private Map<String, Object> anonymousPage(String userAgent) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "page");
            if (userAgent != null) {
                message.put("context", new LinkedHashMap<>(Map.of("userAgent", userAgent)));
            }
            return message;
        }

        @Test
        void theyGetTheHashedVisitorIdOfTodaysSaltWithTheSaltAskedForOncePerRequest() {
            Outcome outcome = cookielessService.collect(batch(KEY,
                    List.of(anonymousPage(CHROME), anonymousPage(CHROME), anonymousPage(CHROME + " Edg/131")), null));

            assertThat(outcome).isEqualTo(new Outcome.Accepted(3, List.of()));
            List<String> ids = queue.published().stream().map(Event::anonymousId).toList();
            assertThat(ids.get(0)).isEqualTo(CookielessVisitors.hash("salt-2026-03-10", "web", IP, CHROME))
                    .isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2)).startsWith(CookielessVisitors.PREFIX);
            assertThat(queue.published()).extracting(Event::userId).containsOnlyNulls();
            assertThat(saltRequests).containsExactly(LocalDate.parse("2026-03-10"));
        }

        @Test
        void theNextUtcDayIsAnotherVisitor() {
            cookielessService.collect(batch(KEY, List.of(anonymousPage(CHROME)), null));
            clock.advance(Duration.ofHours(12));
            cookielessService.collect(batch(KEY, List.of(anonymousPage(CHROME)), null));

            assertThat(queue.published()).extracting(Event::anonymousId).doesNotHaveDuplicates().hasSize(2);
            assertThat(saltRequests).containsExactly(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-11"));
        }

        @Test
        void messagesWithTheirOwnIdsKeepThemAndNeedNoSalt() {
            Map<String, Object> page = anonymousPage(CHROME);
            page.put("anonymousId", "sdk-anon-1");

            cookielessService.collect(batch(KEY, List.of(page, batchItem("u1")), null));

            assertThat(queue.published()).extracting(Event::visitorId).containsExactly("sdk-anon-1", "u1");
            assertThat(saltRequests).isEmpty();
        }

        @Test
        void withoutAUserAgentAnIdIsStillRequired() {
            Outcome outcome = cookielessService.collect(batch(KEY, List.of(anonymousPage(null)), null));

            assertThat(outcome).isInstanceOf(Outcome.Invalid.class);
            assertThat(((Outcome.Invalid) outcome).rejected().get(0).error()).contains("one of userId or anonymousId is required");
            assertThat(saltRequests).isEmpty();
        }

        @Test
        void withoutDailySaltsAnIdIsStillRequired() {
            Outcome outcome = service.collect(batch(KEY, List.of(anonymousPage(CHROME)), null));

            assertThat(outcome).isInstanceOf(Outcome.Invalid.class);
            assertThat(((Outcome.Invalid) outcome).rejected().get(0).error()).contains("one of userId or anonymousId is required");
        }

        @Test
        void whenTheSaltCannotBeReadNothingIsTakenAndTheClientRetries() {
            saltsUnavailable = true;

            Outcome outcome = cookielessService.collect(batch(KEY, List.of(batchItem("u1"), anonymousPage(CHROME)), null));

            assertThat(outcome).isEqualTo(new Outcome.Unavailable(CollectService.QUEUE_RETRY_AFTER));
            assertThat(queue.publishCalls()).isEmpty();
            assertThat(metrics.rejected()).containsExactly(Map.entry("salt_unavailable", 2));
        }
    }
}
