package dev.groundwork.cache.redis;

import dev.groundwork.testing.RedisClusterProcess;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Two instances on a real Redis Cluster (three masters with a replica each): the same behaviour as on one Redis,
 * with values spread over the masters and invalidation over sharded pub/sub.
 */
class ClusterCacheTest extends SharedCacheContract {

    private static RedisClusterProcess cluster;
    private static RedisClusterClient client;
    private static StatefulRedisClusterConnection<String, String> admin;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.startOrSkip();
        client = cluster.client();
        admin = client.connect();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    <K, V> RedisCache.Builder<K, V> builderOn(String cacheName) {
        return RedisCache.<K, V>builder(cacheName, client).redisTimeout(UNHURRIED);
    }

    @Override
    RedisClusterCommands<String, String> redisData() {
        return admin.sync();
    }

    @Override
    void publishOnChannel(String cacheName, String message) {
        admin.sync().spublish("gw-cache:" + cacheName + ":events:3", message);
    }
}
