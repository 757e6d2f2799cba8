package dev.groundwork.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A limiter per client for 100 000 clients, each call for a random client: ratelimit-core's keyed limiter beside
 * the two ways people build this today: Bucket4j buckets in a Caffeine cache (expire after access, bounded), and
 * resilience4j's {@code RateLimiterRegistry} (an unbounded map). Every key is warmed first, so the run measures
 * lookups and decisions, not creation. Each client may make 10 calls per second (a burst of 10); at a few million
 * calls per second over 100 000 clients each one calls about 20 times a second, so calls are a mix of admissions
 * and refusals, and no client's state is ever idle long enough to be full again and evicted. Bucket4j's cache
 * expires after access at the bucket's time to full (1 s), the same lossless rule ratelimit-core applies.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar KeyedRateLimitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyedRateLimitBenchmark {

    @Param({"100000"})
    int keys;

    private String[] clients;
    private KeyedRateLimiter<String> groundwork;
    private Cache<String, Bucket> bucket4jCaffeine;
    private Function<String, Bucket> newBucket;
    private RateLimiterRegistry resilience4j;
    private final java.util.concurrent.ConcurrentHashMap<String, Object> plainMap =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Each thread walks its own random sequence of keys. */
    @State(Scope.Thread)
    public static class Walk {
        private KeyWalk walk;

        @Setup
        public void setUp(KeyedRateLimitBenchmark bench) {
            walk = new KeyWalk(bench.keys, 1 << 20);
        }

        int nextIndex() {
            return walk.nextIndex();
        }
    }

    @Setup
    public void setUp() {
        clients = new String[keys];
        for (int i = 0; i < keys; i++) {
            clients[i] = "client-" + i;
        }
        Limit limit = Limit.perSecond(10);
        groundwork = RateLimiter.builder().limit(limit).maxKeys(1_000_000).buildKeyed();
        bucket4jCaffeine = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterAccess(Duration.ofSeconds(1))
                .build();
        newBucket = key -> Bucket.builder()
                .addLimit(l -> l.capacity(10).refillGreedy(10, Duration.ofSeconds(1)))
                .build();
        resilience4j = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(10)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        for (String client : clients) {
            groundwork.tryConsume(client);
            bucket4jCaffeine.get(client, newBucket).tryConsume(1);
            resilience4j.rateLimiter(client).acquirePermission();
            plainMap.put(client, new long[1]);
        }
    }

    @Benchmark
    public boolean groundwork(Walk walk) {
        return groundwork.tryConsume(clients[walk.nextIndex()]);
    }

    @Benchmark
    public boolean bucket4jCaffeine(Walk walk) {
        return bucket4jCaffeine.get(clients[walk.nextIndex()], newBucket).tryConsume(1);
    }

    /** The floor: the same random walk over a plain {@code ConcurrentHashMap} lookup, no decision. */
    @Benchmark
    public Object mapLookupOnly(Walk walk) {
        return plainMap.get(clients[walk.nextIndex()]);
    }

    @Benchmark
    public boolean resilience4jRegistry(Walk walk) {
        return resilience4j.rateLimiter(clients[walk.nextIndex()]).acquirePermission();
    }
}
