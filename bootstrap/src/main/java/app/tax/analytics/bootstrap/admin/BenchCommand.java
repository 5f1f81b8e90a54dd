package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.bootstrap.config.ConfigurationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A bounded, open-loop load generator against a collector (see {@link OpenLoopLoad}): a fixed arrival rate,
 * latency from each request's due time, status codes (503s are the collector's back-pressure). With
 * {@code --baseline} the same schedule of the same bodies first runs against a no-op Javalin + Jackson server
 * started on loopback, and the ratios are printed; with {@code --dashboard-url} the end-to-end lag (sent →
 * visible in the store) is measured through the dashboard API.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sends track events to a collector at a fixed rate and reports throughput, latency and lag.",
                "Bounded: it stops after --duration or --requests, whichever comes first."})
public final class BenchCommand implements Callable<Integer> {
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:3000",
            description = "The collector. Default http://127.0.0.1:3000.")
    String url;

    @Option(names = "--write-key", paramLabel = "KEY", description = "A write key the collector accepts (needed unless --serve-baseline).")
    String writeKey;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10", description = "How long to run (at most 600). Default 10.")
    int durationSeconds;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "0", description = "Stop after N requests (0: no limit).")
    long maxRequests;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "1000",
            description = "Requests per second, due at fixed intervals whatever the answers. Default 1000.")
    double rate;

    @Option(names = {"--connections", "--concurrency"}, paramLabel = "N", defaultValue = "16",
            description = "Connections sharing the schedule, one request at a time each. Default 16.")
    int connections;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "20", description = "Events per request (1 = /v1/track). Default 20.")
    int batchSize;

    @Option(names = "--visitors", paramLabel = "N", defaultValue = "1000", description = "Distinct anonymous ids to spread events over. Default 1000.")
    int visitors;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0",
            description = "Run the same load this long, unrecorded, before each measured run (JIT of both sides). Default 0.")
    int warmupSeconds;

    @Option(names = "--baseline", description = "First run the same load against a no-op Javalin + Jackson server on loopback and print the ratios.")
    boolean baseline;

    @Option(names = "--serve-baseline", paramLabel = "PORT",
            description = {"Send nothing: serve the no-op baseline on loopback port PORT (0: a free one) for --duration seconds,",
                    "for a load generator of your own (wrk) to measure it next to the collector."})
    Integer serveBaselinePort;

    @Option(names = "--dashboard-url", paramLabel = "URL",
            description = "Measure the end-to-end lag (sent → visible) through this dashboard.")
    String dashboardUrl;

    @Option(names = "--dashboard-email", paramLabel = "EMAIL", description = "The dashboard user for --dashboard-url.")
    String dashboardEmail;

    @Option(names = "--dashboard-password-file", paramLabel = "FILE",
            description = "A file holding that user's password (kept out of the command line).")
    Path dashboardPasswordFile;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "web", description = "The write key's source, for the lag. Default web.")
    String source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Duration duration = Duration.ofSeconds(durationSeconds);
        if (durationSeconds < 1 || duration.compareTo(MAX_DURATION) > 0) {
            throw new ConfigurationException("--duration must be from 1 to " + MAX_DURATION.toSeconds() + " seconds");
        }
        if (warmupSeconds < 0 || warmupSeconds > 60) {
            throw new ConfigurationException("--warmup must be from 0 to 60 seconds");
        }
        if (connections < 1 || connections > 512 || batchSize < 1 || batchSize > 500 || visitors < 1 || maxRequests < 0
                || !(rate > 0 && rate <= 1_000_000)) {
            throw new ConfigurationException("--connections must be 1-512, --batch-size 1-500, --visitors at least 1, "
                    + "--requests at least 0, --rate above 0 and at most 1000000");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (serveBaselinePort != null) {
            return serveBaseline(out, duration);
        }
        if (writeKey == null) {
            throw new ConfigurationException("--write-key is needed to send events (or --serve-baseline to only serve the no-op)");
        }
        String password = null;
        if (dashboardUrl != null) {
            if (dashboardEmail == null || dashboardPasswordFile == null) {
                throw new ConfigurationException("--dashboard-url needs --dashboard-email and --dashboard-password-file");
            }
            password = Files.readString(dashboardPasswordFile).strip();
        }
        String authorization = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        String path = batchSize == 1 ? "/v1/track" : "/v1/batch";
        out.printf("open loop     %.0f requests/s of %d events over %d connections, for %d s%s%n", rate, batchSize, connections,
                durationSeconds, maxRequests > 0 ? " or " + maxRequests + " requests" : "");

        OpenLoopLoad.Result noOp = null;
        if (baseline) {
            try (NoOpCollector server = NoOpCollector.start(0)) {
                warmUp(server.url() + path, authorization);
                noOp = load(server.url() + path, authorization, duration).run(n -> body(), batchSize);
            }
            report(out, "no-op", noOp);
        }
        warmUp(url.replaceAll("/+$", "") + path, authorization);
        StoreVisibility visibility = dashboardUrl == null ? null : StoreVisibility.start(dashboardUrl, dashboardEmail, password, source);
        List<String> listed = visibility == null ? null : visibility.listedSources().orElse(null);
        if (listed != null && !listed.contains(source)) {
            out.printf("warning       the dashboard lists no source '%s' (it lists: %s); --source must name the write key's source,"
                    + " or no event will be seen stored%n", source, listed.isEmpty() ? "none" : String.join(", ", listed));
        }
        try {
            OpenLoopLoad.Result result = load(url.replaceAll("/+$", "") + path, authorization, duration).run(n -> body(), batchSize);
            report(out, "collector", result);
            if (noOp != null) {
                out.printf("ratio         throughput %.2f of the no-op, p50 latency %.1fx, p99 latency %.1fx%n",
                        (result.count(200) / result.seconds()) / Math.max(1e-9, noOp.count(200) / noOp.seconds()),
                        percentile(result.latency(), 50) / Math.max(0.001, percentile(noOp.latency(), 50)),
                        percentile(result.latency(), 99) / Math.max(0.001, percentile(noOp.latency(), 99)));
            }
            if (visibility != null) {
                StoreVisibility.Lag lag = visibility.lag(result.accepted(), Duration.ofSeconds(60));
                Histogram micros = lag.micros();
                out.printf("lag ms        p50 %.0f  p99 %.0f  max %.0f (sent → counted by the dashboard, polled every %d ms), %d events not seen stored%n",
                        percentile(micros, 50), percentile(micros, 99), micros.getMaxValue() / 1000.0,
                        StoreVisibility.POLL_EVERY.toMillis(), lag.missing());
            }
        } finally {
            if (visibility != null) {
                visibility.close();
            }
        }
        out.flush();
        return 0;
    }

    private int serveBaseline(PrintWriter out, Duration duration) throws InterruptedException {
        if (serveBaselinePort < 0 || serveBaselinePort > 65_535) {
            throw new ConfigurationException("--serve-baseline must be a port from 0 to 65535");
        }
        try (NoOpCollector server = NoOpCollector.start(serveBaselinePort)) {
            out.printf("no-op         serving %s/v1/track and /v1/batch for %d s%n", server.url(), duration.toSeconds());
            out.flush();
            Thread.sleep(duration.toMillis());
        }
        return 0;
    }

    private void warmUp(String target, String authorization) throws InterruptedException {
        if (warmupSeconds > 0) {
            new OpenLoopLoad(URI.create(target), authorization, rate, connections, Duration.ofSeconds(warmupSeconds), 0)
                    .run(n -> body(), batchSize);
        }
    }

    private OpenLoopLoad load(String target, String authorization, Duration duration) {
        return new OpenLoopLoad(URI.create(target), authorization, rate, connections, duration, maxRequests);
    }

    private byte[] body() {
        StringBuilder json = new StringBuilder(batchSize * 200);
        String now = Instant.now().toString();
        if (batchSize > 1) {
            json.append("{\"batch\":[");
        }
        for (int i = 0; i < batchSize; i++) {
            if (i > 0) {
                json.append(',');
            }
            int visitor = ThreadLocalRandom.current().nextInt(visitors);
            json.append("{\"type\":\"track\",\"event\":\"Bench Event\",\"messageId\":\"").append(UUID.randomUUID())
                    .append("\",\"anonymousId\":\"bench-").append(visitor).append("\",\"timestamp\":\"").append(now)
                    .append("\",\"properties\":{\"step\":").append(i).append("}}");
        }
        if (batchSize > 1) {
            json.append("]}");
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double percentile(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static void report(PrintWriter out, String label, OpenLoopLoad.Result result) {
        long events = result.accepted().stream().mapToLong(OpenLoopLoad.Accepted::events).sum();
        out.printf("%-13s %d requests in %.1f s (%.0f/s), %d connection failures%n", label, result.requests(), result.seconds(),
                result.requestsPerSecond(), result.failures());
        out.printf("  events      %d accepted (%.0f/s)%n", events, events / result.seconds());
        out.printf("  latency ms  p50 %.2f  p95 %.2f  p99 %.2f  max %.2f (from the time each request was due)%n",
                percentile(result.latency(), 50), percentile(result.latency(), 95), percentile(result.latency(), 99),
                result.latency().getMaxValue() / 1000.0);
        out.println("  status      " + result.statuses());
        if (result.count(503) > 0) {
            out.printf("  503         %d requests refused by back-pressure (Retry-After up to %d s)%n", result.count(503),
                    result.retryAfterMax().toSeconds());
        }
        out.flush();
    }
}
