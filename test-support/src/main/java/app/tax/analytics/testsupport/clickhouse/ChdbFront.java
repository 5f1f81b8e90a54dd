package app.tax.analytics.testsupport.clickhouse;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The project's HTTP front for the chDB engine ({@code test-support/chdb-front/server.js}), run as a
 * {@code node} child process on a free loopback port with a data directory of its own.
 */
final class ChdbFront implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final String FRONT_FOLDER = "test-support/chdb-front";

    private final Process process;
    private final int port;
    private final Path dataDir;

    private ChdbFront(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** The front's folder, found from the working directory upwards (tests run in a module folder). */
    static Optional<Path> findFolder(List<String> reasons) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path folder = dir.resolve(FRONT_FOLDER);
            if (Files.isRegularFile(folder.resolve("server.js"))) {
                if (Files.isDirectory(folder.resolve("node_modules/chdb"))) {
                    return Optional.of(folder);
                }
                reasons.add(folder + "/node_modules/chdb is missing (run npm ci in " + FRONT_FOLDER + ")");
                return Optional.empty();
            }
        }
        reasons.add("no " + FRONT_FOLDER + "/server.js above " + Path.of("").toAbsolutePath());
        return Optional.empty();
    }

    /** {@code node} on the PATH. */
    static Optional<Path> findNode(List<String> reasons) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "node");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        reasons.add("no node on the PATH");
        return Optional.empty();
    }

    static ChdbFront start(Path node, Path folder) throws IOException {
        int port = freePort();
        Path dataDir = Files.createTempDirectory("chdb-front-");
        Path log = dataDir.resolve("front.log");
        ProcessBuilder builder = new ProcessBuilder(node.toString(), "server.js", Integer.toString(port),
                dataDir.resolve("data").toString(), Long.toString(ProcessHandle.current().pid()))
                .directory(folder.toFile())
                // The engine reads INSERT data from fd 0 when it is not a terminal: give it an empty stdin.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        ChdbFront front = new ChdbFront(builder.start(), port, dataDir);
        try {
            front.awaitReady(log);
            return front;
        } catch (IOException | RuntimeException e) {
            front.close();
            throw e;
        }
    }

    private void awaitReady(Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the chDB front exited with " + process.exitValue() + ": " + tail(log));
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the chDB front started", e);
            }
        }
        throw new IOException("the chDB front did not answer /ping within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    private boolean answersPing() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ping").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200
                        && new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("Ok.");
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    @Override
    public String toString() {
        return "the chDB front (pid " + process.pid() + ") on 127.0.0.1:" + port;
    }

    /** Stops the process (SIGTERM, then SIGKILL) and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[clickhouse fixture] could not delete " + dataDir + ": " + e.getMessage());
        }
    }
}
