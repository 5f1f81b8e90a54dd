package app.tax.analytics.testsupport.redis;

import app.tax.analytics.testsupport.FixtureRequirement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis for integration tests, found in the order of docs/ARCHITECTURE.md, "Tests and fixtures":
 * <ol>
 *   <li>{@code ANALYTICS_TEST_REDIS_URL} when set;</li>
 *   <li>Testcontainers {@code redis:7-alpine} when a Docker engine is available;</li>
 *   <li>a local {@code redis-server} binary on a free loopback port;</li>
 *   <li>otherwise the test is skipped with the reason printed, or fails when {@code ANALYTICS_TEST_REQUIRE}
 *       names {@code redis}.</li>
 * </ol>
 * {@link #shared()} gives one server per JVM for ordinary tests (use distinct keys per test);
 * {@link #startLocal()} gives a test a server of its own that it may {@link #stop}, {@link #restart} and
 * {@link #kill}.
 */
public final class RedisFixture implements AutoCloseable {
    public static final String URL_VARIABLE = "ANALYTICS_TEST_REDIS_URL";
    public static final String REQUIRE_VARIABLE = FixtureRequirement.REQUIRE_VARIABLE;
    static final String IMAGE = "redis:7-alpine";
    private static final int REDIS_PORT = 6379;

    private static RedisFixture shared;
    private static String sharedUnavailableReason;

    private final String url;
    private final String description;
    private final LocalRedisServer localServer;
    private final AutoCloseable owned;

    private RedisFixture(String url, String description, LocalRedisServer localServer, AutoCloseable owned) {
        this.url = url;
        this.description = description;
        this.localServer = localServer;
        this.owned = owned;
    }

    /**
     * The JVM-wide Redis, resolved once and closed when the JVM exits. When there is none, the calling test is
     * skipped (or fails, when required) with the reason.
     */
    public static synchronized RedisFixture shared() {
        if (shared == null && sharedUnavailableReason == null) {
            List<String> reasons = new ArrayList<>();
            Optional<RedisFixture> found = resolve(System::getenv, reasons);
            if (found.isPresent()) {
                shared = found.get();
                RedisFixture closeAtExit = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(closeAtExit::close, "redis-fixture-shutdown"));
                System.err.println("[redis fixture] using " + shared.description);
            } else {
                sharedUnavailableReason = "no Redis for the tests: " + String.join("; ", reasons);
            }
        }
        if (shared == null) {
            return unavailable(sharedUnavailableReason, System::getenv);
        }
        return shared;
    }

    /**
     * A {@code redis-server} of the caller's own on a free loopback port, which it may stop, restart and kill;
     * the caller closes it. Skips (or fails, when required) when there is no usable binary.
     */
    public static RedisFixture startLocal() {
        List<String> reasons = new ArrayList<>();
        Optional<RedisFixture> local = local(reasons);
        return local.orElseGet(() -> unavailable("no local redis-server for a fault test: " + String.join("; ", reasons),
                System::getenv));
    }

    /** @param environment looks up environment variables (a parameter so that tests can give their own) */
    static Optional<RedisFixture> resolve(UnaryOperator<String> environment, List<String> reasons) {
        String explicit = environment.apply(URL_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(new RedisFixture(explicit.strip(), URL_VARIABLE, null, null));
        }
        reasons.add(URL_VARIABLE + " is not set");
        Optional<RedisFixture> container = container(reasons);
        return container.isPresent() ? container : local(reasons);
    }

    private static Optional<RedisFixture> container(List<String> reasons) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                reasons.add("no Docker engine for Testcontainers");
                return Optional.empty();
            }
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(REDIS_PORT);
            container.start();
            String url = "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
            return Optional.of(new RedisFixture(url, "Testcontainers " + IMAGE, null, container::stop));
        } catch (RuntimeException | LinkageError e) {
            // Testcontainers missing, misconfigured or unable to pull the image: fall through to the next option.
            reasons.add("Testcontainers failed: " + e);
            return Optional.empty();
        }
    }

    private static Optional<RedisFixture> local(List<String> reasons) {
        Optional<Path> binary = LocalRedisServer.findBinary(reasons);
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalRedisServer server = LocalRedisServer.start(binary.get());
            return Optional.of(new RedisFixture("redis://127.0.0.1:" + server.port(), server.toString(), server, server));
        } catch (IOException | RuntimeException e) {
            reasons.add("starting " + binary.get() + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Skips the calling test, or fails it when {@code ANALYTICS_TEST_REQUIRE} names redis. */
    static RedisFixture unavailable(String reason, UnaryOperator<String> environment) {
        return FixtureRequirement.unavailable("redis", reason, environment);
    }

    /** The server's URL, e.g. {@code redis://127.0.0.1:40123}. */
    public String url() {
        return url;
    }

    /** Where the server comes from, for messages. */
    public String description() {
        return description;
    }

    /** Whether {@link #stop}, {@link #restart} and {@link #kill} work (only for a local server). */
    public boolean isRestartable() {
        return localServer != null;
    }

    /** Whether the server is up (always true for servers this fixture does not control). */
    public boolean isRunning() {
        return localServer == null || localServer.isRunning();
    }

    /** Shuts the local server down gracefully; clients then see connections closed and refused. */
    public void stop() {
        requireLocalServer("stop").stop();
    }

    /** Kills the local server with SIGKILL. */
    public void kill() {
        requireLocalServer("kill").kill();
    }

    /** Starts the local server again on the same port and waits until it answers (it comes back empty). */
    public void restart() {
        try {
            requireLocalServer("restart").restart();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart " + description + ": " + e.getMessage(), e);
        }
    }

    private LocalRedisServer requireLocalServer(String action) {
        if (localServer == null) {
            throw new IllegalStateException("cannot " + action + " " + description + "; use RedisFixture.startLocal()");
        }
        return localServer;
    }

    /** Stops what this fixture started (nothing for an explicit URL). */
    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
        } catch (Exception e) {
            System.err.println("[redis fixture] closing " + description + " failed: " + e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
