package dev.groundwork.cache.redis;

import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two instances on one real Redis: invalidation over classic pub/sub, published by the write scripts. */
class RedisCacheTest extends SharedCacheContract {

    private static RedisProcess redis;
    private static StatefulRedisConnection<String, String> admin;

    @BeforeAll
    static void startRedis() {
        redis = new RedisProcess();
        admin = redis.connect();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    <K, V> RedisCache.Builder<K, V> builderOn(String cacheName) {
        return RedisCache.<K, V>builder(cacheName, redis.client()).redisTimeout(UNHURRIED);
    }

    @Override
    RedisClusterCommands<String, String> redisData() {
        return admin.sync();
    }

    @Override
    void publishOnChannel(String cacheName, String message) {
        admin.sync().publish("gw-cache:" + cacheName + ":events", message);
    }
}
