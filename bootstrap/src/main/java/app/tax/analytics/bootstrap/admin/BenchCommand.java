package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.bootstrap.config.ConfigurationException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A bounded load generator against a collector: closed-loop workers each send batches of track events,
 * one request at a time, for a fixed time or number of requests; latencies go into an HdrHistogram.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends batches of track events to a collector and reports throughput and latency.",
                "Bounded: it stops after --duration or --requests, whichever comes first."})
public final class BenchCommand implements Callable<Integer> {
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:3000",
            description = "The collector. Default http://127.0.0.1:3000.")
    String url;

    @Option(names = "--write-key", paramLabel = "KEY", required = true, description = "A write key the collector accepts.")
    String writeKey;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10", description = "How long to run (at most 600). Default 10.")
    int durationSeconds;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "0", description = "Stop after N requests (0: no limit).")
    long maxRequests;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Concurrent senders. Default 8.")
    int concurrency;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "20", description = "Events per request (1 = /v1/track). Default 20.")
    int batchSize;

    @Option(names = "--visitors", paramLabel = "N", defaultValue = "1000", description = "Distinct anonymous ids to spread events over. Default 1000.")
    int visitors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Duration duration = Duration.ofSeconds(durationSeconds);
        if (durationSeconds < 1 || duration.compareTo(MAX_DURATION) > 0) {
            throw new ConfigurationException("--duration must be from 1 to " + MAX_DURATION.toSeconds() + " seconds");
        }
        if (concurrency < 1 || concurrency > 512 || batchSize < 1 || batchSize > 500 || visitors < 1 || maxRequests < 0) {
            throw new ConfigurationException("--concurrency must be 1-512, --batch-size 1-500, --visitors at least 1, --requests at least 0");
        }
        URI target = URI.create(url.replaceAll("/+$", "") + (batchSize == 1 ? "/v1/track" : "/v1/batch"));
        String authorization = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Recorder latencies = new Recorder(3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder failures = new LongAdder();
        AtomicLong started = new AtomicLong();
        Instant deadline = Instant.now().plus(duration);
        Instant begin = Instant.now();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread sender = new Thread(() -> {
                while (Instant.now().isBefore(deadline) && (maxRequests == 0 || started.incrementAndGet() <= maxRequests)) {
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body())).build();
                    long sentAt = System.nanoTime();
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        latencies.recordValue(Math.max(1, (System.nanoTime() - sentAt) / 1000));
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    } catch (java.io.IOException e) {
                        failures.increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-" + i);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        report(Duration.between(begin, Instant.now()), latencies.getIntervalHistogram(), statuses, failures.sum());
        return 0;
    }

    private String body() {
        StringBuilder json = new StringBuilder(batchSize * 200);
        String now = Instant.now().toString();
        if (batchSize > 1) {
            json.append("{\"batch\":[");
        }
        for (int i = 0; i < batchSize; i++) {
            if (i > 0) {
                json.append(',');
            }
            int visitor = java.util.concurrent.ThreadLocalRandom.current().nextInt(visitors);
            json.append("{\"type\":\"track\",\"event\":\"Bench Event\",\"messageId\":\"").append(UUID.randomUUID())
                    .append("\",\"anonymousId\":\"bench-").append(visitor).append("\",\"timestamp\":\"").append(now)
                    .append("\",\"properties\":{\"step\":").append(i).append("}}");
        }
        if (batchSize > 1) {
            json.append("]}");
        }
        return json.toString();
    }

    private void report(Duration elapsed, Histogram histogram, Map<Integer, LongAdder> statuses, long failures) {
        PrintWriter out = spec.commandLine().getOut();
        long requests = histogram.getTotalCount();
        double seconds = elapsed.toMillis() / 1000.0;
        long accepted = statuses.getOrDefault(200, new LongAdder()).sum();
        out.printf("requests      %d in %.1f s (%.0f/s), %d connection failures%n", requests, seconds, requests / seconds, failures);
        out.printf("events        %d accepted (%.0f/s), %d per request%n", accepted * batchSize, accepted * batchSize / seconds, batchSize);
        out.printf("latency ms    p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n", histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(95) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        out.println("status codes  " + byStatus);
        out.flush();
    }
}
