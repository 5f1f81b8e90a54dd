package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.source.WriteKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A queue that confirms later, on a thread of its own (as Lettuce's I/O thread does): requests are answered when it
 * confirms, without a request thread waiting for each, and with the outcome it gives.
 */
class CollectorAsyncAnswerHttpTest {
    private static final String WRITE_KEY = "web-write-key-1";
    private static final String TRACK = "{\"userId\":\"u1\",\"event\":\"Signed Up\"}";

    private final ExecutorService queueThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "queue-io"));
    private final List<RunningServer> servers = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(32);

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        servers.forEach(RunningServer::close);
        queueThread.shutdownNow();
        assertThat(queueThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void requestsWaitingForTheQueueHoldNoThreadAndAreAnsweredWhenItConfirms() throws Exception {
        HeldQueue queue = new HeldQueue();
        HttpTestClient http = client(queue, CollectorRoutes.MOST_ANSWERS_AWAITED);

        List<CompletableFuture<HttpResponse<String>>> answers = send(http, 30);
        queue.awaitHeld(30);
        assertThat(eventuallyThreadsIn("CollectorRoutes", 0)).as("threads inside the collector's route while the queue holds 30 requests")
                .isZero();
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        queue.confirmAll(() -> null);

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"success\":true}");
        }
        assertThat(queue.confirmed).hasSize(30);
    }

    @Test
    void aQueueThatRefusesLaterGives503WithRetryAfter() throws Exception {
        HttpResponse<String> response = answerWhenTheQueueFailsWith(() -> new QueueUnavailableException("the queue is full"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("retry later");
    }

    @Test
    void anUnexpectedFailureOfTheQueueIsAnInternalError() throws Exception {
        HttpResponse<String> response = answerWhenTheQueueFailsWith(() -> new IllegalStateException("a bug in the queue"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("internal error").doesNotContain("a bug in the queue");
    }

    /** One request, held by the queue and then failed with what {@code failure} gives. */
    private HttpResponse<String> answerWhenTheQueueFailsWith(Supplier<Exception> failure) throws Exception {
        HeldQueue queue = new HeldQueue();
        HttpTestClient http = client(queue, CollectorRoutes.MOST_ANSWERS_AWAITED);
        CompletableFuture<HttpResponse<String>> answer = send(http, 1).get(0);
        queue.awaitHeld(1);

        queue.confirmAll(failure);

        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertThat(queue.confirmed).isEmpty();
        return response;
    }

    @Test
    void pastTheBoundRequestsWaitInTheirThreadsAndAreStillAnswered() throws Exception {
        HeldQueue queue = new HeldQueue();
        HttpTestClient http = client(queue, 2);

        List<CompletableFuture<HttpResponse<String>>> answers = send(http, 5);
        queue.awaitHeld(5);
        assertThat(eventuallyThreadsIn("CollectorRoutes", 3)).as("requests past the bound of 2, waiting in their threads").isEqualTo(3);

        queue.confirmAll(() -> null);

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(queue.confirmed).hasSize(5);

        // the bound is given back: two more are answered asynchronously again
        List<CompletableFuture<HttpResponse<String>>> more = send(http, 2);
        queue.awaitHeld(2);
        assertThat(eventuallyThreadsIn("CollectorRoutes", 0)).isZero();
        queue.confirmAll(() -> null);
        for (CompletableFuture<HttpResponse<String>> answer : more) {
            assertThat(answer.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private HttpTestClient client(PublishEvents queue, int mostAnswersAwaited) {
        CollectService service = new CollectService(WriteKeys.parse("web:" + WRITE_KEY), RateLimiter.UNLIMITED, queue,
                new EventParser(), PipelineMetrics.NONE, Clock.systemUTC());
        RunningServer server = HttpServers.collector(0, new CorsPolicy(List.of()), new ProxyPolicy(false), service, List.of(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true, mostAnswersAwaited);
        servers.add(server);
        return new HttpTestClient(server);
    }

    private List<CompletableFuture<HttpResponse<String>>> send(HttpTestClient http, int requests) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> http.post("/v1/track", TRACK, "X-Write-Key", WRITE_KEY), clients));
        }
        return answers;
    }

    /** {@link #threadsIn}, once it is {@code expected} or after 5 s (a request may still be leaving the route). */
    private static long eventuallyThreadsIn(String simpleClassName, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long found = threadsIn(simpleClassName);
        while (found != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = threadsIn(simpleClassName);
        }
        return found;
    }

    /** Live threads with a frame of the class in their stack. */
    private static long threadsIn(String simpleClassName) {
        String name = CollectorRoutes.class.getPackageName() + "." + simpleClassName;
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(name)))
                .count();
    }

    /** Takes publications without confirming them until told, then confirms on its own thread. */
    private final class HeldQueue implements PublishEvents {
        private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
        private final List<Event> confirmed = new CopyOnWriteArrayList<>();

        private record Held(List<Event> events, CompletableFuture<Void> confirmation) {
        }

        @Override
        public void publish(List<Event> events) {
            throw new AssertionError("the collector publishes asynchronously");
        }

        @Override
        public CompletionStage<Void> publishAsync(List<Event> events) {
            CompletableFuture<Void> confirmation = new CompletableFuture<>();
            held.add(new Held(events, confirmation));
            return confirmation;
        }

        void awaitHeld(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (held.size() < count) {
                assertThat(System.nanoTime()).as("%d publications held", count).isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        /** @param failure null to confirm, else what each publication fails with */
        void confirmAll(Supplier<Exception> failure) throws Exception {
            queueThread.submit(() -> {
                for (Held next = held.poll(); next != null; next = held.poll()) {
                    Exception refused = failure.get();
                    if (refused == null) {
                        confirmed.addAll(next.events());
                        next.confirmation().complete(null);
                    } else {
                        next.confirmation().completeExceptionally(refused);
                    }
                }
            }).get(10, TimeUnit.SECONDS);
        }
    }
}
