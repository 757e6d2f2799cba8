package dev.groundwork.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Redis Cluster of three masters, each with one replica: six {@code redis-server} processes (the machine's
 * own, Debian's {@code redis-server} package, which {@code .ci/run} installs when missing) on {@link LoopbackPorts},
 * joined by {@code redis-cli --cluster create}, in a temporary folder that is deleted on close. Tests start it with
 * {@link #startOrSkip()}, which skips them on a machine without the binaries.
 */
public final class RedisClusterProcess implements AutoCloseable {

    private static final int CLUSTER_BUS_OFFSET = 10_000;

    private final Path folder;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final List<RedisClusterClient> clients = new ArrayList<>();

    /**
     * Whether {@code redis-server} and {@code redis-cli} are on the PATH.
     *
     * @return true when a cluster can be started here
     */
    public static boolean available() {
        return onPath("redis-server") && onPath("redis-cli");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, program)));
    }

    /**
     * Starts a cluster, or skips the calling test (a JUnit assumption) when {@code redis-server} and {@code redis-cli}
     * are not installed.
     *
     * @return the running cluster
     */
    public static RedisClusterProcess startOrSkip() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                available(), "redis-server and redis-cli are not installed (.ci/run installs them)");
        return new RedisClusterProcess();
    }

    /** Starts six servers and forms the cluster; returns when every node reports {@code cluster_state:ok}. */
    public RedisClusterProcess() {
        try {
            folder = Files.createTempDirectory("redis-cluster");
            for (int i = 0; i < 6; i++) {
                startNode();
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            ports.forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            Process cli = new ProcessBuilder(create)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("create.log").toFile())
                    .start();
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IllegalStateException(
                        "redis-cli --cluster create failed: " + Files.readString(folder.resolve("create.log")));
            }
            for (int port : ports) {
                awaitClusterOk(port);
            }
            // Every node must see the same three masters with one replica each, and every replica must be in sync,
            // before a test relies on replication (a failover) or on any node's view of the cluster.
            for (int port : ports) {
                try {
                    Awaitility.await("node " + port + " seeing three replicas")
                            .atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(100))
                            .ignoreExceptions()
                            .until(() -> replicas(nodes(port)).size() == 3);
                } catch (ConditionTimeoutException e) {
                    // Seen once under load: say what every node saw, so that a recurrence explains itself.
                    throw new IllegalStateException(e.getMessage() + "; the nodes' views:\n" + views(), e);
                }
            }
            for (int replica : replicas(nodes(ports.get(0)))) {
                awaitInfo(
                        replica,
                        "master_link_status:up",
                        connection -> connection.sync().info("replication"));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts one node on a free port (its cluster bus on that port plus 10 000) and returns once the server answering
     * there is the process started here. Should the port be taken between the check and the bind, the server exits
     * and the node starts again on another port.
     */
    private void startNode() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LoopbackPorts.free(CLUSTER_BUS_OFFSET);
            Path log = folder.resolve("redis-" + port + ".log");
            Process server = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            "nodes-" + port + ".conf",
                            "--cluster-node-timeout",
                            "5000",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            folder.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            servers.add(server);
            Awaitility.await("redis-server on port " + port + " answering or exiting")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> !server.isAlive() || ask(port, RedisProcess::processId) == server.pid());
            if (server.isAlive()) {
                ports.add(port);
                return;
            }
            servers.remove(server);
            failures.add("port " + port + ": " + Files.readString(log).strip());
        }
        throw new IllegalStateException("redis-server did not start: " + String.join("; ", failures));
    }

    private static void awaitClusterOk(int port) {
        awaitInfo(port, "cluster_state:ok", connection -> connection.sync().clusterInfo());
    }

    private static void awaitInfo(
            int port, String expected, Function<StatefulRedisConnection<String, String>, String> ask) {
        Awaitility.await("redis on port " + port + " reporting " + expected)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> ask(port, ask).contains(expected));
    }

    /** Asks the server on a loopback port one question over a connection of its own, closed afterwards. */
    static <T> T ask(int port, Function<StatefulRedisConnection<String, String>, T> question) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return question.apply(connection);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /**
     * Fails the master that holds a key over to its replica ({@code CLUSTER FAILOVER} on the replica: the replica
     * catches up first, so nothing acknowledged is lost) and waits until the replica reports itself master.
     *
     * @param key a key whose master should step down
     * @return the port of the new master
     */
    public int failover(String key) {
        int slot = io.lettuce.core.cluster.SlotHash.getSlot(key);
        List<String[]> nodes = nodes(ports.get(0));
        String[] owner = nodes.stream()
                .filter(node -> node[2].contains("master") && ownsSlot(node, slot))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no master holds slot " + slot));
        int masterPort = port(owner);
        int replicaPort = nodes.stream()
                .filter(node -> node[2].contains("slave") && node[3].equals(owner[0]))
                .map(RedisClusterProcess::port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the master of slot " + slot + " has no replica"));
        // Every write the master took must be on the replica first: its link up, and WAIT for its acknowledgement.
        awaitInfo(
                replicaPort,
                "master_link_status:up",
                connection -> connection.sync().info("replication"));
        RedisClient master = RedisClient.create(RedisURI.create("127.0.0.1", masterPort));
        try (StatefulRedisConnection<String, String> connection = master.connect()) {
            Long acknowledged = connection.sync().waitForReplication(1, 10_000);
            if (acknowledged == null || acknowledged < 1) {
                throw new IllegalStateException("the replica on port " + replicaPort + " did not catch up");
            }
        } finally {
            master.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        RedisClient replica = RedisClient.create(RedisURI.create("127.0.0.1", replicaPort));
        try (StatefulRedisConnection<String, String> connection = replica.connect()) {
            connection.sync().clusterFailover(false);
            Awaitility.await("port " + replicaPort + " promoted")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> connection.sync().info("replication").contains("role:master"));
        } finally {
            replica.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        awaitClusterOk(replicaPort);
        return replicaPort;
    }

    /**
     * Kills the master that holds a key ({@code SIGKILL}: no hand-over, its connections just stop answering) and
     * waits until the cluster has promoted its replica, which takes a little over the node timeout (5 s).
     *
     * @param key a key whose master should die
     * @return the port of the new master
     */
    public int kill(String key) {
        int slot = io.lettuce.core.cluster.SlotHash.getSlot(key);
        int masterPort = masterOf(slot, ports.get(0));
        servers.get(ports.indexOf(masterPort)).destroyForcibly();
        int survivor =
                ports.stream().filter(port -> port != masterPort).findFirst().orElseThrow();
        int[] promoted = new int[1];
        Awaitility.await("a replica promoted for slot " + slot)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    promoted[0] = masterOf(slot, survivor);
                    return promoted[0] != masterPort;
                });
        awaitClusterOk(survivor);
        awaitClusterOk(promoted[0]);
        return promoted[0];
    }

    private static int masterOf(int slot, int askedPort) {
        return nodes(askedPort).stream()
                .filter(node -> node[2].contains("master") && !node[2].contains("fail") && ownsSlot(node, slot))
                .map(RedisClusterProcess::port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no master holds slot " + slot));
    }

    /** One node's view of the cluster: {@code CLUSTER NODES}, each line split into its fields. */
    private static List<String[]> nodes(int port) {
        return ask(
                port,
                connection -> connection
                        .sync()
                        .clusterNodes()
                        .lines()
                        .map(line -> line.split(" "))
                        .toList());
    }

    /** Each node's {@code CLUSTER NODES} as it answers now, or why it did not. */
    private String views() {
        StringBuilder views = new StringBuilder();
        for (int port : ports) {
            views.append("-- ").append(port).append(":\n");
            try {
                nodes(port).forEach(node -> views.append(String.join(" ", node)).append('\n'));
            } catch (RuntimeException e) {
                views.append(e).append('\n');
            }
        }
        return views.toString();
    }

    /** The ports of the replicas in a view that are attached to a master and not failing. */
    private static List<Integer> replicas(List<String[]> nodes) {
        return nodes.stream()
                .filter(node -> node[2].contains("slave") && !node[3].equals("-") && !node[2].contains("fail"))
                .map(RedisClusterProcess::port)
                .toList();
    }

    private static int port(String[] node) {
        return Integer.parseInt(node[1].substring(node[1].indexOf(':') + 1, node[1].indexOf('@')));
    }

    private static boolean ownsSlot(String[] node, int slot) {
        for (int i = 8; i < node.length; i++) {
            String range = node[i];
            if (range.startsWith("[")) {
                continue; // a slot being migrated
            }
            int dash = range.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nodes' ports, masters and replicas.
     *
     * @return the six ports
     */
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /**
     * A cluster client that follows topology changes (a failover) within a second; closed with this cluster.
     *
     * @return the client
     */
    public RedisClusterClient client() {
        RedisClusterClient client = RedisClusterClient.create(
                ports.stream().map(port -> RedisURI.create("127.0.0.1", port)).toList());
        client.setOptions(ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(1))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build());
        clients.add(client);
        return client;
    }

    /**
     * A new connection to the cluster.
     *
     * @return the connection
     */
    public StatefulRedisClusterConnection<String, String> connect() {
        return client().connect();
    }

    @Override
    public void close() {
        clients.forEach(RedisClusterClient::shutdown);
        for (Process server : servers) {
            server.destroyForcibly();
        }
        for (Process server : servers) {
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary folder; the machine cleans it eventually
            }
        }
    }
}
