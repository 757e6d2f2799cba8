package dev.groundwork.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.testing.RedisClusterProcess;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Redis Cluster master steps down to its replica in the middle of a client's window: decisions during the switch
 * follow the outage policy, and afterwards the count the old master had is still there (a manual failover lets the
 * replica catch up first), so the client gets no fresh burst out of the failover.
 */
class ClusterFailoverTest {
    private static RedisClusterProcess cluster;
    private static StatefulRedisClusterConnection<String, String> connection;

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

    @Test
    void aFailoverKeepsTheCountAndDecisionsGoOn() {
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(connection.async(), "failover")
                .limit(Limit.perHour(10).named("hourly"))
                .timeout(Duration.ofSeconds(1))
                .retryInterval(Duration.ofMillis(50))
                .onOutage(OutagePolicy.FAIL_CLOSED)
                .build();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("client").allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("client").allowed()).isFalse();
        String key = SharedRedisTest.keys(connection.sync(), "failover:*").get(0);

        int promoted = cluster.failover(key);
        Awaitility.await("the client sees the new master")
                .atMost(Duration.ofSeconds(20))
                .until(() -> connection
                                .getPartitions()
                                .getPartitionBySlot(SlotHash.getSlot(key))
                                .getUri()
                                .getPort()
                        == promoted);
        Awaitility.await("decisions come from Redis again")
                .atMost(Duration.ofSeconds(20))
                .until(() -> limiter.tryAcquire("other").source() == Decision.Source.LIMITER);
        Decision after = limiter.tryAcquire("client");
        assertThat(after.source()).isEqualTo(Decision.Source.LIMITER);
        assertThat(after.allowed()).as("the count survived the failover").isFalse();
    }
}
