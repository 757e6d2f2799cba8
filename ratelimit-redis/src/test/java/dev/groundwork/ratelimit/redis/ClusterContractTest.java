package dev.groundwork.ratelimit.redis;

import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.KeyedRateLimiterContract;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.testing.RedisClusterProcess;
import dev.groundwork.testing.TestClock;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link KeyedRateLimiter} contract of ratelimit-core on a real Redis Cluster (three masters with a replica
 * each, Debian's redis-server 7) through a Lettuce cluster connection: one key per decision, so each client's
 * limits live in one slot without hash tags. Fails closed, so a decision that did not come from Redis cannot pass.
 */
class ClusterContractTest extends KeyedRateLimiterContract {
    private static RedisClusterProcess cluster;
    private static StatefulRedisClusterConnection<String, String> connection;

    private final TestClock clock = TestClock.at(Instant.ofEpochSecond(1_700_006_400L));

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.startOrSkip();
        connection = cluster.connect();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected KeyedRateLimiter<String> create(List<Limit> limits) {
        return RedisKeyedRateLimiterContractTest.contractLimiter(connection.async(), clock, limits);
    }

    @Override
    protected void advance(Duration duration) {
        clock.advance(duration);
    }
}
