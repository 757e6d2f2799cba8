package dev.groundwork.ratelimit.redis;

import dev.groundwork.testing.RedisClusterProcess;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisKeyCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One Redis for a test class, emptied before every test: a connection for the limiters under test and a second one
 * for the test's own commands. The build runs these classes twice: on one embedded Redis, and (the
 * {@code on-redis-cluster} execution in the pom, system property {@code groundwork.test.redisCluster}) on a Redis
 * Cluster of three masters with replicas, through Lettuce's cluster connection.
 */
abstract class SharedRedisTest {

    /** Whether this run is the one on a Redis Cluster. */
    static final boolean ON_CLUSTER = Boolean.getBoolean("groundwork.test.redisCluster");

    private static RedisProcess redis;
    private static RedisClusterProcess cluster;
    private static StatefulRedisClusterConnection<String, String> clusterAdmin;
    /** Commands for the limiters under test. */
    static RedisClusterAsyncCommands<String, String> commands;
    /** The test's own commands; on a cluster, KEYS, FLUSHALL and SCRIPT FLUSH reach every master. */
    static RedisClusterCommands<String, String> admin;

    @BeforeAll
    static void startRedis() {
        if (ON_CLUSTER) {
            cluster = RedisClusterProcess.startOrSkip();
            clusterAdmin = cluster.connect();
            admin = clusterAdmin.sync();
        } else {
            redis = new RedisProcess();
            admin = redis.connect().sync();
        }
        commands = newConnection();
    }

    @AfterAll
    static void stopRedis() {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        admin.flushall();
    }

    /**
     * A connection of its own, as another instance of a service has.
     *
     * @return its commands
     */
    static RedisClusterAsyncCommands<String, String> newConnection() {
        return ON_CLUSTER ? cluster.connect().async() : redis.connect().async();
    }

    /** Resets the command statistics of every master ({@code CONFIG RESETSTAT}). */
    static void resetStats() {
        if (ON_CLUSTER) {
            clusterAdmin.sync().upstream().commands().configResetstat();
        } else {
            admin.configResetstat();
        }
    }

    /**
     * The keys matching a pattern, listed by SCAN, which every Lettuce line has (KEYS changed its Java signature in
     * Lettuce 7), and collected rather than through {@code Stream.toList()}: Lettuce 6.4 reports a SCAN stream's
     * size as 0, which {@code toList()} trusts (lettuce #3002).
     *
     * @param redis the commands to scan with (on a cluster, every master)
     * @param pattern the glob
     * @return the matching keys
     */
    static List<String> keys(RedisKeyCommands<String, String> redis, String pattern) {
        return ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern)).stream()
                .collect(Collectors.toList());
    }

    /**
     * Calls per command since the last {@link #resetStats()}, from {@code INFO commandstats}, summed over the
     * masters. The test's own {@code INFO} and, on a cluster, the client's topology refreshes ({@code CLUSTER},
     * {@code CLIENT}) and the replicas' acknowledgements ({@code REPLCONF}) are left out.
     *
     * @return calls by command name
     */
    static Map<String, Long> commandCalls() {
        List<String> reports = new ArrayList<>();
        if (ON_CLUSTER) {
            clusterAdmin.sync().upstream().commands().info("commandstats").forEach(reports::add);
        } else {
            reports.add(admin.info("commandstats"));
        }
        Map<String, Long> calls = new HashMap<>();
        for (String report : reports) {
            for (String line : report.split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(','));
                    calls.merge(name, Long.parseLong(count), Long::sum);
                }
            }
        }
        calls.remove("info");
        // A replica acknowledges its master's stream once a second (REPLCONF ACK, counted on the master): the
        // cluster's own traffic, seen when a measured loop spans one of those ticks.
        calls.remove("replconf");
        calls.keySet().removeIf(name -> name.startsWith("cluster|") || name.startsWith("client|"));
        return calls;
    }
}
