package app.tax.analytics.testsupport.redis;

import app.tax.analytics.testsupport.FixtureRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of the test's own on loopback: 3 masters and 3 replicas ({@code redis-server --cluster-enabled
 * yes}, joined by {@code redis-cli --cluster create --cluster-replicas 1}), with a short node timeout so that a
 * killed master's replica takes over within a few seconds. Tests may {@link #kill} a master and
 * {@link #awaitHealthy} the promotion, and {@link #restart} the killed node (it rejoins as a replica).
 * Skips (or fails, when {@code ANALYTICS_TEST_REQUIRE} names redis) when there is no usable redis-server.
 */
public final class RedisClusterFixture implements AutoCloseable {
    static final int MASTERS = 3;
    /**
     * Failure detection takes about this long, the promotion about as long again. Not shorter: on a busy machine a
     * live master that misses pings for this long is taken for dead too (seen with 1 s in CI). The nodes keep Redis's
     * default {@code cluster-replica-validity-factor} (10) for what could follow: were that master the one whose new
     * replica (the restarted node) is still in its first synchronisation, a factor of 0 lets the empty replica be
     * promoted and the shard's entries are gone (CI lost about 1,000 accepted events so); with the default, a
     * replica that never synchronised is never promoted, and the stalled master keeps its slots when it answers again.
     */
    static final Duration NODE_TIMEOUT = Duration.ofMillis(3_000);
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
    private static final int ALL_SLOTS = 16_384;

    private final Path cli;
    private final Map<Integer, LocalRedisServer> nodes;

    private RedisClusterFixture(Path cli, Map<Integer, LocalRedisServer> nodes) {
        this.cli = cli;
        this.nodes = nodes;
    }

    /** Starts six nodes, forms the cluster and waits until every slot is served. */
    public static RedisClusterFixture start() {
        List<String> reasons = new ArrayList<>();
        Optional<Path> server = LocalRedisServer.findBinary(reasons);
        if (server.isEmpty()) {
            return unavailable(String.join("; ", reasons));
        }
        Path cli = server.get().resolveSibling("redis-cli");
        if (!Files.isExecutable(cli)) {
            return unavailable("no redis-cli next to " + server.get());
        }
        Map<Integer, LocalRedisServer> nodes = new LinkedHashMap<>();
        RedisClusterFixture cluster = new RedisClusterFixture(cli, nodes);
        try {
            for (int i = 0; i < MASTERS * 2; i++) {
                LocalRedisServer node = LocalRedisServer.start(server.get(), List.of(
                        "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                        // As production should: the other masters keep serving their slots while one fails over.
                        "--cluster-require-full-coverage", "no"));
                nodes.put(node.port(), node);
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            nodes.keySet().forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String output = cluster.cli(null, create);
            if (!output.contains("All " + ALL_SLOTS + " slots covered")) {
                throw new IOException("redis-cli --cluster create did not cover every slot: " + output);
            }
            cluster.awaitHealthy(FORM_TIMEOUT);
            cluster.awaitReplicasOnline(FORM_TIMEOUT);
            System.err.println("[redis fixture] " + cluster);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            return unavailable("starting a local Redis Cluster failed: " + e.getMessage());
        }
    }

    private static RedisClusterFixture unavailable(String reason) {
        return FixtureRequirement.unavailable("redis", "no local Redis Cluster: " + reason, System::getenv);
    }

    /** The URL of one node, as a deployment would name the cluster ({@code redis://127.0.0.1:port}). */
    public String url() {
        return "redis://127.0.0.1:" + nodes.keySet().iterator().next();
    }

    /** Every node as a comma-separated seed list. */
    public String seedList() {
        return nodes.keySet().stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The ports of the masters now serving slots, as the live nodes see it. */
    public List<Integer> masterPorts() {
        List<Integer> masters = new ArrayList<>();
        for (String line : clusterNodes()) {
            String[] fields = line.split(" ");
            if (fields[2].contains("master") && !fields[2].contains("fail") && fields.length > 8) {
                masters.add(portOf(fields[1]));
            }
        }
        return masters;
    }

    /** The port of the master serving {@code key}'s slot. */
    public int masterPortFor(String key) {
        int slot = Integer.parseInt(cli(anyLivePort(), List.of("cluster", "keyslot", key)).strip());
        for (String line : clusterNodes()) {
            String[] fields = line.split(" ");
            if (!fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] bounds = range.split("-");
                int from = Integer.parseInt(bounds[0]);
                int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
                if (slot >= from && slot <= to) {
                    return portOf(fields[1]);
                }
            }
        }
        throw new IllegalStateException("no live master serves slot " + slot + " of " + key);
    }

    /** Kills the node on {@code port} with SIGKILL. */
    public void kill(int port) {
        node(port).kill();
    }

    /** Starts the node on {@code port} again (it keeps its cluster identity and rejoins, as a replica after a failover). */
    public void restart(int port) {
        try {
            node(port).restart();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart the cluster node on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every live node reports {@code cluster_state:ok} and sees every slot served by a live master
     * (after a kill: until a replica has been promoted).
     *
     * @return how long it took
     */
    public Duration awaitHealthy(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = healthProblem();
            if (last.isEmpty()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the Redis Cluster did not become healthy within " + timeout.toSeconds() + " s: " + last);
    }

    /** Waits until every master has a replica that finished its first synchronisation (WAIT counts only those). */
    public void awaitReplicasOnline(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Integer> lagging = masterPorts().stream()
                    .filter(port -> !cli(port, List.of("info", "replication")).contains(",state=online,"))
                    .toList();
            if (lagging.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("masters " + lagging + " have no replica online after " + timeout.toSeconds() + " s");
            }
            pause(Duration.ofMillis(100));
        }
    }

    /**
     * Whether the cluster has taken over from the killed node on {@code port}: every live node sees every slot served
     * by a live master, so none still counts the killed one as a master of slots. Restart a killed master only after
     * this: without persistence it comes back empty, and if no replica has taken its slots yet it keeps them and its
     * replica copies the empty data set (seen in CI when a test restarted it on a view of the cluster taken in two
     * reads, the second one only marking the master as possibly failing).
     */
    public boolean hasFailedOver(int port) {
        if (node(port).isRunning()) {
            throw new IllegalStateException("the cluster node on port " + port + " was not killed");
        }
        return healthProblem().isEmpty();
    }

    /** Why the cluster is not healthy now, or empty when it is. */
    private String healthProblem() {
        for (Map.Entry<Integer, LocalRedisServer> node : nodes.entrySet()) {
            if (!node.getValue().isRunning()) {
                continue;
            }
            String info = cli(node.getKey(), List.of("cluster", "info"));
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + ALL_SLOTS)) {
                return "node " + node.getKey() + ": " + info.lines().limit(4).collect(Collectors.joining(" "));
            }
            for (String line : clusterNodes(node.getKey())) {
                String[] fields = line.split(" ");
                boolean servesSlots = fields.length > 8;
                if (fields[2].contains("master") && servesSlots && !nodes.get(portOf(fields[1])).isRunning()) {
                    return "node " + node.getKey() + " still sees the dead master " + fields[1] + " serving slots";
                }
            }
        }
        return "";
    }

    private List<String> clusterNodes() {
        return clusterNodes(anyLivePort());
    }

    private List<String> clusterNodes(int port) {
        return cli(port, List.of("cluster", "nodes")).lines().filter(line -> !line.isBlank()).toList();
    }

    private int anyLivePort() {
        return nodes.entrySet().stream().filter(node -> node.getValue().isRunning()).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("every cluster node is down"));
    }

    /** {@code 127.0.0.1:30001@40001} to 30001. */
    private static int portOf(String address) {
        String hostPort = address.split("@")[0];
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private LocalRedisServer node(int port) {
        LocalRedisServer node = nodes.get(port);
        if (node == null) {
            throw new IllegalArgumentException("no cluster node on port " + port + "; nodes: " + nodes.keySet());
        }
        return node;
    }

    /** Runs redis-cli (against {@code port}, unless null) and returns its output; fails on a non-zero exit. */
    private String cli(Integer port, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(cli.toString()));
        if (port != null) {
            command.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port)));
        }
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(FORM_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli " + arguments + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cli + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running redis-cli", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Redis Cluster", e);
        }
    }

    /** Kills every node and deletes their directories. */
    @Override
    public void close() {
        nodes.values().forEach(LocalRedisServer::close);
    }

    @Override
    public String toString() {
        return "local Redis Cluster of " + MASTERS + " masters and " + MASTERS + " replicas on 127.0.0.1 ports " + nodes.keySet();
    }
}
