package app.tax.analytics.bootstrap.production;

import app.tax.analytics.bootstrap.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One role of the jar in a JVM of its own, as in production: started with explicit options (the
 * environment's analytics variables are removed), its port read from what it prints, killable with
 * SIGKILL for fault tests.
 */
final class RoleProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("http://localhost:(\\d+)");
    private static final List<String> CONFIGURATION_VARIABLES = List.of("PORT", "ALLOWED_WRITE_KEYS", "ALLOWED_ORIGINS",
            "REDIS_URL", "REDIS_STREAM_KEY", "REDIS_CONSUMER_GROUP", "REDIS_CONSUMER_NAME", "CLICKHOUSE_HOST",
            "CLICKHOUSE_PORT", "CLICKHOUSE_DATABASE", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD", "CLICKHOUSE_OPTIONS",
            "JWT_SECRET", "ADMIN_EMAIL", "ADMIN_PASSWORD", "DATA_DIR", "MAXMIND_DB_PATH", "BATCH_SIZE", "FLUSH_INTERVAL_MS",
            "RATE_LIMIT_MAX_REQUESTS", "RATE_LIMIT_WINDOW_MS", "CLAIM_IDLE_MS", "TRUST_PROXY", "LOG_LEVEL",
            "COLLECTOR_PORT", "DASHBOARD_PORT", "QUEUE_DURABILITY", "QUEUE_MAX_MB", "REDIS_CLUSTER", "REDIS_STREAM_SHARDS",
            "REDIS_MIN_REPLICAS_ACK", "REDIS_REPLICA_ACK_TIMEOUT_MS", "METRICS_PORT", "DASHBOARD_ALLOWED_ORIGINS",
            "CLICKHOUSE_CLUSTER");

    final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private RoleProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static RoleProcess start(String name, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        CONFIGURATION_VARIABLES.forEach(builder.environment()::remove);
        try {
            return new RoleProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            port.completeExceptionally(new IllegalStateException(name + " ended before listening:\n" + String.join("\n", output)));
        }
    }

    /** The HTTP port it printed, waiting for start-up. */
    int port() {
        try {
            return port.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start:\n" + String.join("\n", output), e);
        }
    }

    String output() {
        return String.join("\n", output);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no acknowledgement of the batch in progress. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM: the role shuts down gracefully. */
    @Override
    public void close() {
        process.destroy();
        if (!waitFor(Duration.ofSeconds(40))) {
            process.destroyForcibly();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
