package dev.groundwork.auth.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.RefreshTokenStore;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.contract.ApiKeyStoreContract;
import dev.groundwork.auth.contract.RefreshTokenStoreContract;
import dev.groundwork.auth.contract.RevocationListContract;
import dev.groundwork.testing.RedisClusterProcess;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The same store contracts on a real Redis Cluster (three masters with a replica each, Debian's redis-server 7),
 * through Lettuce's cluster connections, as two instances: every command touches one key, so nothing here needs a
 * hash tag, and entries spread over every master.
 */
class ClusterTest {

    static RedisClusterProcess cluster;
    static StatefulRedisClusterConnection<String, String> first;
    static StatefulRedisClusterConnection<String, String> second;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.startOrSkip();
        first = cluster.connect();
        second = cluster.connect();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static RedisAuth instance(StatefulRedisClusterConnection<String, String> connection) {
        return RedisAuth.builder(connection.async(), "auth")
                .timeout(SharedRedisTest.UNHURRIED)
                .build();
    }

    @Test
    void entriesSpreadOverTheMasters() {
        RevocationList revocations = instance(first).revocationList();
        for (int i = 0; i < 200; i++) {
            revocations.revoke("spread-" + i, Instant.now().plusSeconds(60));
        }
        Set<String> owners = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            owners.add(first.getPartitions()
                    .getPartitionBySlot(io.lettuce.core.cluster.SlotHash.getSlot("auth:rv:spread-" + i))
                    .getNodeId());
        }
        assertThat(owners).as("three masters hold the keys").hasSize(3);
        assertThat(instance(second).revocationList().isRevoked("spread-7")).isTrue();
    }

    /**
     * A master steps down to its replica while the stores are in use: calls during the switch may answer
     * "unavailable" (the declared outage behaviour), none answers wrongly, and afterwards the data written before is
     * there and one refresh token still has exactly one winner, without rebuilding anything.
     */
    @Test
    void aMasterFailoverIsSurvived() {
        RedisAuth stores = RedisAuth.builder(first.async(), "auth")
                .timeout(java.time.Duration.ofSeconds(1))
                .retryInterval(java.time.Duration.ofMillis(50))
                .build();
        RefreshTokenStore refresh = stores.refreshTokenStore();
        RevocationList revocations = stores.revocationList();
        refresh.save(
                "failover-token",
                new RefreshTokenStore.Grant(
                        "failover-family",
                        "alice",
                        java.util.List.of("a"),
                        Instant.now().plusSeconds(600)));
        revocations.revoke("failover-jti", Instant.now().plusSeconds(600));

        int promoted = cluster.failover("auth:rt:failover-token");
        int slot = io.lettuce.core.cluster.SlotHash.getSlot("auth:rt:failover-token");
        org.awaitility.Awaitility.await("the client sees the new master")
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() ->
                        first.getPartitions().getPartitionBySlot(slot).getUri().getPort() == promoted);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .ignoreExceptionsInstanceOf(dev.groundwork.auth.StoreUnavailableException.class)
                .until(() -> revocations.isRevoked("failover-jti"));
        RefreshTokenStore.Consumption first = refresh.consume("failover-token");
        assertThat(first).isInstanceOf(RefreshTokenStore.Consumption.First.class);
        assertThat(instance(second).refreshTokenStore().consume("failover-token"))
                .isInstanceOf(RefreshTokenStore.Consumption.Reused.class);
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store() {
            return instance(first).refreshTokenStore();
        }

        @Override
        protected RefreshTokenStore otherInstance() {
            return instance(second).refreshTokenStore();
        }
    }

    @Nested
    class Revocations extends RevocationListContract {
        @Override
        protected RevocationList list() {
            return instance(first).revocationList();
        }

        @Override
        protected RevocationList otherInstance() {
            return instance(second).revocationList();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore store() {
            return instance(first).apiKeyStore();
        }

        @Override
        protected ApiKeyStore otherInstance() {
            return instance(second).apiKeyStore();
        }
    }
}
