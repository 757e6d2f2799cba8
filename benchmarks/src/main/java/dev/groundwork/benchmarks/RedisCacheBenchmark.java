package dev.groundwork.benchmarks;

import dev.groundwork.cache.redis.KeyCodec;
import dev.groundwork.cache.redis.RedisCache;
import dev.groundwork.cache.redis.RedisCacheListener;
import dev.groundwork.cache.redis.ValueCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.map.MapLoader;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.config.Config;

/**
 * cache-redis beside a bare Lettuce {@code GET} of the same bytes and Redisson's near cache ({@code RLocalCachedMap},
 * its local cache in front of a Redis hash, with a {@code MapLoader}), on one embedded redis-server (6.2.6), one
 * thread, latency per operation:
 *
 * <ul>
 *   <li>L1 hit: the key is held in the instance's local cache;
 *   <li>L2 hit: 20 000 keys in Redis, 16 held locally, so almost every read misses locally and is served by Redis
 *       (the local hit share is printed at the end of the trial);
 *   <li>miss: a key no one has seen, so the loader (trivial) runs and the value is stored in Redis: cache-redis
 *       reads, takes the fleet lease, loads and fills; Redisson reads, locks the key, loads and writes.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RedisCacheBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedisCacheBenchmark {

    private static final int KEYS = 20_000;
    private static final int HOT = 16;
    private static final String VALUE = "x".repeat(100);

    private LocalRedis server;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> bytes;
    private RedisCommands<String, byte[]> commands;
    private RedisCache<String, String> l1;
    private RedisCache<String, String> l2;
    private RedisCache<String, String> misses;
    private RedissonClient redisson;
    private RLocalCachedMap<String, String> redissonL1;
    private RLocalCachedMap<String, String> redissonL2;
    private RLocalCachedMap<String, String> redissonMisses;
    private String[] keys;
    private String[] redisKeys;
    private final AtomicLong fresh = new AtomicLong();
    private final AtomicLong localHits = new AtomicLong();
    private final AtomicLong redisHits = new AtomicLong();
    private int next;

    /** Strings as UTF-8. */
    static final class Utf8 implements ValueCodec<String> {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] data) {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    @Setup
    public void setUp() throws IOException {
        server = LocalRedis.start();
        int port = server.port();
        client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        commands = bytes.sync();

        RedisCacheListener counting = new RedisCacheListener() {
            @Override
            public void onHit(String cache) {
                localHits.incrementAndGet();
            }

            @Override
            public void onRedisHit(String cache) {
                redisHits.incrementAndGet();
            }
        };
        l1 = cache("l1", KEYS, null);
        l2 = cache("l2", HOT, counting);
        misses = cache("misses", 100_000, null);

        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port);
        config.setCodec(org.redisson.client.codec.StringCodec.INSTANCE);
        redisson = Redisson.create(config);
        MapLoader<String, String> loader = new MapLoader<>() {
            @Override
            public String load(String key) {
                return VALUE;
            }

            @Override
            public Iterable<String> loadAllKeys() {
                return java.util.List.of();
            }
        };
        redissonL1 = redisson.getLocalCachedMap(
                LocalCachedMapOptions.<String, String>name("redisson-l1").cacheSize(KEYS));
        redissonL2 = redisson.getLocalCachedMap(LocalCachedMapOptions.<String, String>name("redisson-l2")
                .cacheSize(HOT)
                .evictionPolicy(LocalCachedMapOptions.EvictionPolicy.LRU));
        redissonMisses = redisson.getLocalCachedMap(LocalCachedMapOptions.<String, String>name("redisson-misses")
                .cacheSize(100_000)
                .loader(loader));

        keys = new String[KEYS];
        redisKeys = new String[KEYS];
        java.util.Map<String, String> all = new java.util.HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            redisKeys[i] = "gw-cache:l2:v1:{" + keys[i] + "}";
            l1.put(keys[i], VALUE);
            l2.put(keys[i], VALUE);
            all.put(keys[i], VALUE);
        }
        // One batched write each instead of 20 000 round trips: the set-up's time, not what is measured.
        redissonL1.putAll(all);
        redissonL2.putAll(all);
        for (String key : keys) {
            if (l1.get(key).isEmpty() || redissonL1.get(key) == null) {
                throw new IllegalStateException("every key must be present before measuring");
            }
        }
    }

    private RedisCache<String, String> cache(String name, long localSize, RedisCacheListener listener) {
        RedisCache.Builder<String, String> builder = RedisCache.<String, String>builder(name, client)
                .keyCodec(KeyCodec.strings())
                .valueCodec(new Utf8())
                .expireAfterWrite(Duration.ofMinutes(30))
                .localMaximumSize(localSize)
                .loader(key -> Optional.of(VALUE));
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private int nextIndex() {
        int index = next;
        next = index + 1 == KEYS ? 0 : index + 1;
        return index;
    }

    @TearDown
    public void tearDown() throws IOException {
        long local = localHits.get();
        long remote = redisHits.get();
        if (local + remote > 0) {
            System.out.printf(
                    "%ncache-redis L2 benchmark: %d local hits, %d Redis hits (%.2f %% served locally)%n",
                    local, remote, 100.0 * local / (local + remote));
        }
        l1.close();
        l2.close();
        misses.close();
        redisson.shutdown();
        bytes.close();
        client.shutdown();
        server.stop();
    }

    @Benchmark
    public Optional<String> groundworkL1Hit() {
        return l1.get(keys[nextIndex()]);
    }

    @Benchmark
    public String redissonL1Hit() {
        return redissonL1.get(keys[nextIndex()]);
    }

    @Benchmark
    public Optional<String> groundworkL2Hit() {
        return l2.get(keys[nextIndex()]);
    }

    /** The floor of an L2 hit: one Lettuce GET of the same key and bytes, on the same client. */
    @Benchmark
    public byte[] lettuceGet() {
        return commands.get(redisKeys[nextIndex()]);
    }

    @Benchmark
    public String redissonL2Hit() {
        return redissonL2.get(keys[nextIndex()]);
    }

    @Benchmark
    public Optional<String> groundworkMiss() {
        return misses.get("fresh" + fresh.incrementAndGet());
    }

    @Benchmark
    public String redissonMiss() {
        return redissonMisses.get("fresh" + fresh.incrementAndGet());
    }
}
