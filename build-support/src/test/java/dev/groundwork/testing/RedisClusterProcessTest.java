package dev.groundwork.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisClusterProcessTest {

    @Test
    void sixDistinctServersOfItsOwnEachSeeingAllSix() {
        try (RedisClusterProcess cluster = RedisClusterProcess.startOrSkip()) {
            assertThat(new HashSet<>(cluster.ports())).hasSize(6);
            Set<Long> pids = new HashSet<>();
            for (int port : cluster.ports()) {
                RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    pids.add(RedisProcess.processId(connection));
                    assertThat(connection.sync().clusterNodes().lines()).hasSize(6);
                } finally {
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
                }
            }
            assertThat(pids).hasSize(6);
        }
    }
}
