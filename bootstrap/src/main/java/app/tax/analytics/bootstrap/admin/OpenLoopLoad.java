package app.tax.analytics.bootstrap.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load as wrk2 makes it: request {@code n} is due at {@code start + n / rate}, whatever happened
 * to the ones before; each connection sends its share of the schedule one request at a time, and a response
 * that comes late makes the following requests late too. Latency is measured from the time a request was
 * due, not from when it could be sent, so a server that stalls shows the queueing it caused (no coordinated
 * omission). Stops after {@code duration} or {@code maxRequests}, whichever comes first.
 */
final class OpenLoopLoad {
    /** What a run measured. */
    record Result(long requests, Duration elapsed, Histogram latency, Map<Integer, Long> statuses, long failures,
                  List<Accepted> accepted, Duration retryAfterMax) {
        double requestsPerSecond() {
            return requests / seconds();
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        double seconds() {
            return Math.max(1, elapsed.toNanos()) / 1e9;
        }
    }

    /** An accepted request: when it was sent and answered ({@link System#nanoTime}), and how many events it carried. */
    record Accepted(long sentNanos, long answeredNanos, int events) {
    }

    private final HttpClient client;
    private final URI target;
    private final String authorization;
    private final double rate;
    private final int connections;
    private final Duration duration;
    private final long maxRequests;

    OpenLoopLoad(URI target, String authorization, double rate, int connections, Duration duration, long maxRequests) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.target = target;
        this.authorization = authorization;
        this.rate = rate;
        this.connections = connections;
        this.duration = duration;
        this.maxRequests = maxRequests;
    }

    /** @param bodies the body of request {@code n}, made before it is due */
    Result run(LongFunction<byte[]> bodies, int eventsPerRequest) throws InterruptedException {
        Recorder latency = new Recorder(3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        AtomicLong retryAfterMax = new AtomicLong();
        List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long last = maxRequests > 0 ? maxRequests : Long.MAX_VALUE;
        List<Thread> senders = new ArrayList<>(connections);
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread sender = new Thread(() -> {
                for (long n = connection; n < last; n += connections) {
                    long due = start + (long) (n * intervalNanos);
                    if (due >= end) {
                        return;
                    }
                    byte[] body = bodies.apply(n);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        long answered = System.nanoTime();
                        latency.recordValue(Math.max(1, (answered - due) / 1000));
                        int status = response.statusCode();
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 200) {
                            accepted.add(new Accepted(sent, answered, eventsPerRequest));
                        } else if (status == 503) {
                            response.headers().firstValueAsLong("Retry-After").ifPresent(s -> retryAfterMax.accumulateAndGet(s, Math::max));
                        }
                    } catch (IOException e) {
                        failures.increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-" + connection);
            sender.setDaemon(true);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Histogram histogram = latency.getIntervalHistogram();
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        List<Accepted> inOrder = new ArrayList<>(accepted);
        inOrder.sort(java.util.Comparator.comparingLong(Accepted::answeredNanos));
        return new Result(histogram.getTotalCount() + failures.sum(), elapsed, histogram, byStatus, failures.sum(), inOrder,
                Duration.ofSeconds(retryAfterMax.get()));
    }
}
