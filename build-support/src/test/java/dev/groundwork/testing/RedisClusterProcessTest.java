package dev.groundwork.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
                pids.add(RedisClusterProcess.ask(port, RedisProcess::processId));
                String nodes = RedisClusterProcess.ask(
                        port, connection -> connection.sync().clusterNodes());
                assertThat(nodes.lines()).hasSize(6);
            }
            assertThat(pids).hasSize(6);
        }
    }
}
