package dev.groundwork.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.ReadmeSnippets;
import dev.groundwork.testing.RedisClusterProcess;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The README's blocks and the Javadoc example, exactly as printed, against a real redis-server. */
class ReadmeQuickstartTest {

    /** The quickstart's value type. */
    record Product(long id, String name) {}

    /** Where the quickstart's products come from. */
    static final class Repository {
        final ConcurrentHashMap<Long, Product> rows = new ConcurrentHashMap<>();
        int queries;

        Optional<Product> findProduct(long id) {
            queries++;
            return Optional.ofNullable(rows.get(id));
        }
    }

    @Test
    void theTestHoldsTheReadmeBlocks() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"),
                        Path.of("src/test/java/dev/groundwork/cache/redis/ReadmeQuickstartTest.java")))
                .isEqualTo(3);
    }

    @Test
    void theTestHoldsTheJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/cache/redis/ReadmeQuickstartTest.java")))
                .isEqualTo(1);
    }

    @Test
    void quickstart() {
        try (RedisProcess redis = new RedisProcess()) {
            String redisUri = "redis://127.0.0.1:" + redis.port();
            Repository repository = new Repository();
            repository.rows.put(42L, new Product(42, "lamp"));
            repository.rows.put(43L, new Product(43, "chair"));
            Product renamed = new Product(42, "desk lamp");
            // In a cold JVM a first command can take longer than the default 100 ms Redis timeout on a loaded
            // machine, and the cache would then load and write on its own, by design: one unhurried read and write
            // through both levels first, on the fixture's own client.
            try (RedisCache<Long, Product> warmUp = RedisCache.<Long, Product>builder("warm-up", redis.client())
                    .keyCodec(KeyCodec.longs())
                    .valueCodec(JacksonCodec.of(new ObjectMapper(), Product.class))
                    .redisTimeout(SharedCacheContract.UNHURRIED)
                    .loader(id -> Optional.of(new Product(id, "warm-up")))
                    .build()) {
                assertThat(warmUp.get(1L)).contains(new Product(1, "warm-up"));
                warmUp.put(1L, renamed);
            }

            // region RedisCache
            RedisClient client = RedisClient.create(redisUri);
            RedisCache<Long, Product> products = RedisCache.<Long, Product>builder("products", client)
                    .keyCodec(KeyCodec.longs())
                    .valueCodec(JacksonCodec.of(new ObjectMapper(), Product.class))
                    .schemaVersion(1)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .jitter(0.1)
                    .loader(id -> repository.findProduct(id))
                    .build();

            Optional<Product> product = products.get(42L); // this instance, else Redis, else loaded once for the fleet
            products.put(42L, renamed); // after a write: Redis and every instance's local copy
            products.invalidate(43L); // or forget it everywhere; the next read loads it
            // endregion

            try {
                assertThat(product).contains(new Product(42, "lamp"));
                assertThat(products.get(42L)).contains(renamed);
                assertThat(products.get(43L)).contains(new Product(43, "chair"));
                assertThat(repository.queries).isEqualTo(2);
                assertThat(redis.connect().sync().get("gw-cache:products:v1:{42}"))
                        .isEqualTo("G\u0001{\"id\":42,\"name\":\"desk lamp\"}");
            } finally {
                products.close();
                client.shutdown();
            }
        }
    }

    @Test
    void onACluster() {
        try (RedisClusterProcess redisCluster = RedisClusterProcess.startOrSkip()) {
            String seedUri = "redis://127.0.0.1:" + redisCluster.ports().get(0);
            Repository repository = new Repository();
            repository.rows.put(42L, new Product(42, "lamp"));

            // region cluster
            RedisClusterClient cluster = RedisClusterClient.create(seedUri);
            cluster.setOptions(ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .enableAllAdaptiveRefreshTriggers()
                            .build())
                    .build());
            RedisCache<Long, Product> products = RedisCache.<Long, Product>builder("products", cluster)
                    .keyCodec(KeyCodec.longs())
                    .valueCodec(JacksonCodec.of(new ObjectMapper(), Product.class))
                    .loader(id -> repository.findProduct(id))
                    .build();
            // endregion

            try {
                assertThat(products.get(42L)).contains(new Product(42, "lamp"));
                assertThat(products.get(42L)).contains(new Product(42, "lamp"));
                assertThat(repository.queries).isEqualTo(1);
                try (StatefulRedisClusterConnection<String, String> admin = cluster.connect()) {
                    assertThat(admin.sync().get("gw-cache:products:v1:{42}"))
                            .isEqualTo("G\u0001{\"id\":42,\"name\":\"lamp\"}");
                }
            } finally {
                products.close();
                cluster.shutdown();
            }
        }
    }

    @Test
    void metricsThroughMicrometer() {
        try (RedisProcess redis = new RedisProcess()) {
            MeterRegistry registry = new SimpleMeterRegistry();
            // region metrics
            RedisCacheListener metrics = new RedisCacheListener() {
                @Override
                public void onHit(String cache) {
                    registry.counter("cache.gets", "cache", cache, "result", "hit")
                            .increment();
                }

                @Override
                public void onRedisHit(String cache) {
                    registry.counter("cache.gets", "cache", cache, "result", "redis-hit")
                            .increment();
                }

                @Override
                public void onRedisMiss(String cache) {
                    registry.counter("cache.gets", "cache", cache, "result", "miss")
                            .increment();
                }

                @Override
                public void onRedisFailure(String cache, Throwable cause) {
                    registry.counter("cache.redis.failures", "cache", cache).increment();
                }

                @Override
                public void onRedisUnavailable(String cache) {
                    registry.counter("cache.redis.circuit.opened", "cache", cache)
                            .increment();
                }
            };
            // endregion
            RedisClient client = redis.client();
            try (RedisCache<String, String> one = RedisCache.<String, String>builder("metered", client)
                            .keyCodec(KeyCodec.strings())
                            .valueCodec(new Utf8())
                            .listener(metrics)
                            .loader(key -> Optional.of("v"))
                            .build();
                    RedisCache<String, String> two = RedisCache.<String, String>builder("metered", client)
                            .keyCodec(KeyCodec.strings())
                            .valueCodec(new Utf8())
                            .listener(metrics)
                            .loader(key -> Optional.of("v"))
                            .build()) {
                assertThat(one.get("k")).contains("v");
                assertThat(one.get("k")).contains("v");
                assertThat(two.get("k")).contains("v");
            }
            assertThat(registry.counter("cache.gets", "cache", "metered", "result", "miss")
                            .count())
                    .isEqualTo(1);
            assertThat(registry.counter("cache.gets", "cache", "metered", "result", "hit")
                            .count())
                    .isEqualTo(1);
            assertThat(registry.counter("cache.gets", "cache", "metered", "result", "redis-hit")
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void aRedisThatCannotBeReachedAtStartFailsTheBuildLoudly() {
        int port;
        try (RedisProcess redis = new RedisProcess()) {
            port = redis.port();
        }
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try {
            assertThatThrownBy(() -> RedisCache.<String, String>builder("nowhere", client)
                            .keyCodec(KeyCodec.strings())
                            .valueCodec(new Utf8())
                            .loader(key -> Optional.of("v"))
                            .build())
                    .isInstanceOf(RedisConnectionException.class);
        } finally {
            client.shutdown();
        }
    }
}
