package app.tax.analytics.testsupport.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process of the test's own on a free loopback port, without persistence, in a temporary
 * directory. It can be stopped, killed and started again on the same port, which is what fault tests need.
 */
final class LocalRedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> WELL_KNOWN_DIRECTORIES = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin");
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)");
    /** XAUTOCLAIM, XPENDING IDLE and XTRIM MINID came with Redis 6.2. */
    private static final int[] OLDEST_USABLE_VERSION = {6, 2};

    private final Path binary;
    private final Path directory;
    private final int port;
    private final List<String> extraArguments;
    private final Thread shutdownHook;
    private Process process;

    private LocalRedisServer(Path binary, Path directory, int port, List<String> extraArguments) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
        this.shutdownHook = new Thread(this::killQuietly, "redis-server-" + port + "-shutdown");
    }

    /** The usable {@code redis-server} on this machine, or why there is none. */
    static Optional<Path> findBinary(List<String> reasons) {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    candidates.add(Paths.get(entry, "redis-server"));
                }
            }
        }
        WELL_KNOWN_DIRECTORIES.forEach(directory -> candidates.add(Paths.get(directory, "redis-server")));
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            reasons.add("no redis-server binary on the PATH or in " + WELL_KNOWN_DIRECTORIES
                    + " (install it, e.g. apt-get install -y redis-server)");
            return Optional.empty();
        }
        Optional<String> tooOld = versionProblem(found.get());
        if (tooOld.isPresent()) {
            reasons.add(tooOld.get());
            return Optional.empty();
        }
        return found;
    }

    private static Optional<String> versionProblem(Path binary) {
        try {
            Process version = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor(10, TimeUnit.SECONDS);
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                return Optional.of(binary + " --version printed no version: " + output.strip());
            }
            int major = Integer.parseInt(matcher.group(1));
            int minor = Integer.parseInt(matcher.group(2));
            boolean oldEnough = major > OLDEST_USABLE_VERSION[0]
                    || (major == OLDEST_USABLE_VERSION[0] && minor >= OLDEST_USABLE_VERSION[1]);
            return oldEnough ? Optional.empty()
                    : Optional.of(binary + " is Redis " + major + "." + minor + "; the queue needs 6.2 or newer");
        } catch (IOException e) {
            return Optional.of(binary + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking " + binary + " for its version");
        }
    }

    /** Starts a new server on a free loopback port and waits until it answers. */
    static LocalRedisServer start(Path binary) throws IOException {
        return start(binary, List.of());
    }

    /** @param extraArguments more {@code redis-server} options, e.g. {@code --cluster-enabled yes} */
    static LocalRedisServer start(Path binary, List<String> extraArguments) throws IOException {
        Path directory = Files.createTempDirectory("analytics-test-redis-");
        LocalRedisServer server = new LocalRedisServer(binary, directory, freeLoopbackPort(), extraArguments);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.startProcess();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server again on the same port (after {@link #stop} or {@link #kill}); a no-op when running. */
    synchronized void restart() throws IOException {
        if (!isRunning()) {
            startProcess();
        }
    }

    /** Shuts the server down gracefully (SIGTERM) and waits until it has exited. */
    synchronized void stop() {
        if (isRunning()) {
            process.destroy();
            awaitExit();
        }
    }

    /** Kills the server abruptly (SIGKILL), as a crash or an OOM kill would. */
    synchronized void kill() {
        if (isRunning()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    private void startProcess() throws IOException {
        Path log = directory.resolve("redis.log");
        // No persistence: the tests want a clean server, and a restart must come back empty like a lost cache node.
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", directory.toString()));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + " on port " + port + ": "
                        + lastLines(log));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("redis-server did not answer PING on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s: " + lastLines(log));
            }
            pause(Duration.ofMillis(20));
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return "+PONG".equals(in.readLine());
        } catch (IOException notYet) {
            return false;
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    private void killQuietly() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    @Override
    public synchronized void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to run; it kills the process again, which is harmless.
        }
        if (System.getenv("ANALYTICS_TEST_KEEP_REDIS_DIRS") != null) {
            // For reading a failed fault test's node logs (redis.log, nodes.conf) afterwards.
            System.err.println("[redis fixture] kept " + directory);
            return;
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[redis fixture] could not delete " + root + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "local redis-server on 127.0.0.1:" + port;
    }
}
