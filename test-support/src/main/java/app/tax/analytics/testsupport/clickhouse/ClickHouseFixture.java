package app.tax.analytics.testsupport.clickhouse;

import app.tax.analytics.testsupport.FixtureRequirement;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real ClickHouse engine for integration tests, found in the order of docs/ARCHITECTURE.md, "Tests and fixtures":
 * <ol>
 *   <li>{@code ANALYTICS_TEST_CLICKHOUSE_URL} when set, e.g. {@code http://default:secret@127.0.0.1:8123/?compress=false}
 *       (the query string becomes the driver options);</li>
 *   <li>Testcontainers {@code clickhouse/clickhouse-server:23.8} when a Docker engine is available (with
 *       access management for the default user, so grants can be tested);</li>
 *   <li>the project's HTTP front for chDB ({@code test-support/chdb-front}) when {@code node} and its
 *       {@code node_modules/chdb} are present, on a free loopback port;</li>
 *   <li>otherwise the test is skipped with the reason printed, or fails when {@code ANALYTICS_TEST_REQUIRE}
 *       names {@code clickhouse}.</li>
 * </ol>
 * One engine serves the whole JVM ({@link #shared()}); tests keep apart by using {@link #newDatabase} names.
 */
public final class ClickHouseFixture implements AutoCloseable {
    public static final String URL_VARIABLE = "ANALYTICS_TEST_CLICKHOUSE_URL";
    public static final String REQUIRE_VARIABLE = FixtureRequirement.REQUIRE_VARIABLE;
    static final String IMAGE = "clickhouse/clickhouse-server:23.8";
    private static final int HTTP_PORT = 8123;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static ClickHouseFixture shared;
    private static String sharedUnavailableReason;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String options;
    private final String description;
    private final boolean accessControl;
    private final AutoCloseable owned;

    private ClickHouseFixture(String host, int port, String user, String password, String options, String description,
                              boolean accessControl, AutoCloseable owned) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.options = options;
        this.description = description;
        this.accessControl = accessControl;
        this.owned = owned;
    }

    /**
     * The JVM-wide engine, resolved once and stopped when the JVM exits. When there is none, the calling test
     * is skipped (or fails, when required) with the reason.
     */
    public static synchronized ClickHouseFixture shared() {
        if (shared == null && sharedUnavailableReason == null) {
            List<String> reasons = new ArrayList<>();
            Optional<ClickHouseFixture> found = resolve(reasons);
            if (found.isPresent()) {
                shared = found.get();
                ClickHouseFixture closeAtExit = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(closeAtExit::close, "clickhouse-fixture-shutdown"));
                System.err.println("[clickhouse fixture] using " + shared.description);
            } else {
                sharedUnavailableReason = "no ClickHouse engine for the tests: " + String.join("; ", reasons);
            }
        }
        if (shared == null) {
            return unavailable(sharedUnavailableReason);
        }
        return shared;
    }

    private static Optional<ClickHouseFixture> resolve(List<String> reasons) {
        String explicit = System.getenv(URL_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(fromUrl(explicit.strip()));
        }
        reasons.add(URL_VARIABLE + " is not set");
        Optional<ClickHouseFixture> container = container(reasons);
        return container.isPresent() ? container : chdbFront(reasons);
    }

    /** {@code http://[user[:password]@]host[:port][/][?driver options]}. */
    static ClickHouseFixture fromUrl(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(URL_VARIABLE + " must look like http://user:password@host:8123/?compress=false");
        }
        String user = "default";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        int port = uri.getPort() > 0 ? uri.getPort() : HTTP_PORT;
        String options = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        // The URL names a server someone else runs: whether it manages users is unknown, so grants are not tested.
        return new ClickHouseFixture(uri.getHost(), port, user, password, options,
                URL_VARIABLE + " (" + uri.getHost() + ":" + port + ")", false, null);
    }

    private static Optional<ClickHouseFixture> container(List<String> reasons) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                reasons.add("no Docker engine for Testcontainers");
                return Optional.empty();
            }
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                    .withExposedPorts(HTTP_PORT)
                    .withEnv("CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT", "1")
                    .waitingFor(Wait.forHttp("/ping").forPort(HTTP_PORT).forStatusCode(200)
                            .withStartupTimeout(Duration.ofMinutes(3)));
            container.start();
            return Optional.of(new ClickHouseFixture(container.getHost(), container.getMappedPort(HTTP_PORT), "default", "", "",
                    "Testcontainers " + IMAGE, true, container::stop));
        } catch (RuntimeException | LinkageError e) {
            // Testcontainers missing, misconfigured or unable to pull the image: fall through to the next option.
            reasons.add("Testcontainers failed: " + e);
            return Optional.empty();
        }
    }

    private static Optional<ClickHouseFixture> chdbFront(List<String> reasons) {
        Optional<Path> node = ChdbFront.findNode(reasons);
        Optional<Path> folder = ChdbFront.findFolder(reasons);
        if (node.isEmpty() || folder.isEmpty()) {
            return Optional.empty();
        }
        try {
            ChdbFront front = ChdbFront.start(node.get(), folder.get());
            // The front does not speak the driver's LZ4 framing: the driver must not ask for compression.
            return Optional.of(new ClickHouseFixture("127.0.0.1", front.port(), "default", "", "compress=false",
                    front.toString(), false, front));
        } catch (IOException | RuntimeException e) {
            reasons.add("starting the chDB front failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static ClickHouseFixture unavailable(String reason) {
        return FixtureRequirement.unavailable("clickhouse", reason);
    }

    /** Skips the calling test unless the engine manages users and grants (only the Testcontainers server). */
    public void assumeAccessControl() {
        Assumptions.assumeTrue(accessControl, "grants are tested only on Testcontainers " + IMAGE + " (Docker); here: " + description);
    }

    /** A database name no other test of this JVM uses (not created: migrate creates it). */
    public String newDatabase(String purpose) {
        return "t_" + purpose.replaceAll("[^A-Za-z0-9_]", "_") + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    public String host() {
        return host;
    }

    /** The HTTP interface's port. */
    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Driver URL parameters the engine needs ({@code compress=false} for the chDB front), may be empty. */
    public String options() {
        return options;
    }

    /** Whether the engine manages users and grants. */
    public boolean hasAccessControl() {
        return accessControl;
    }

    /** Where the engine comes from, for messages. */
    public String description() {
        return description;
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
            System.err.println("[clickhouse fixture] closing " + description + " failed: " + e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
