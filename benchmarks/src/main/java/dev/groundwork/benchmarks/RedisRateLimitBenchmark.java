package dev.groundwork.benchmarks;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.redis.RedisRateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions shared through one Redis: ratelimit-redis (one {@code EVALSHA} of a GCRA script) beside Bucket4j's
 * Lettuce backend (compare-and-swap: {@code GET}, then a CAS script, retried on conflict), on the same embedded
 * redis-server (6.2.6) and the same Lettuce client, plus a bare {@code PING} as the floor of one round trip.
 * The {@code pipelined} variants keep 16 decisions in flight per thread on the one connection. After each
 * benchmark the Redis commands the client sent are printed per decision ("round trips per decision").
 *
 * <p>Run with {@code -t 1} and {@code -t 4}: {@code java -jar benchmarks/target/benchmarks.jar
 * RedisRateLimitBenchmark -t 4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedisRateLimitBenchmark {

    private static final int PIPELINE = 16;

    /** 1: every call hits one hot key (the CAS worst case under threads); 10000: calls spread over many keys. */
    @Param({"1", "10000"})
    int keys;

    private LocalRedis server;
    private RedisClient client;
    private ClientResources resources;
    private StatefulRedisConnection<String, String> strings;
    private StatefulRedisConnection<String, byte[]> bytes;
    private KeyedRateLimiter<String> groundwork;
    private KeyedRateLimiter<String> exhausted;
    private KeyedRateLimiter<String> exhaustedDenyCache;
    private BucketProxy[] bucket4j;
    private AsyncBucketProxy[] bucket4jAsync;
    private String[] names;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();

    /** Each thread walks its own random sequence of keys. */
    @State(Scope.Thread)
    public static class Walk {
        private KeyWalk walk;

        @Setup
        public void setUp(RedisRateLimitBenchmark bench) {
            walk = new KeyWalk(bench.keys, 1 << 16);
        }

        int nextIndex() {
            return walk.nextIndex();
        }
    }

    @Setup
    public void setUp() throws IOException {
        server = LocalRedis.start();
        int port = server.port();
        resources = ClientResources.builder()
                .commandLatencyRecorder(new CommandCounter(commands))
                .build();
        client = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
        strings = client.connect();
        bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));

        // 10^6 per second with a burst of 10^6: every decision is admitted, as in a healthy service.
        Limit limit = Limit.perSecond(1_000_000);
        groundwork = RedisRateLimiter.builder(strings.async(), "gw")
                .limit(limit)
                .timeout(Duration.ofSeconds(2))
                .onOutage(OutagePolicy.FAIL_CLOSED)
                .build();
        // An abusive client far past a limit of one per hour, with and without the deny cache.
        exhausted = RedisRateLimiter.builder(strings.async(), "abuse")
                .limit(Limit.perHour(1))
                .timeout(Duration.ofSeconds(2))
                .build();
        exhaustedDenyCache = RedisRateLimiter.builder(strings.async(), "abuse-cached")
                .limit(Limit.perHour(1))
                .timeout(Duration.ofSeconds(2))
                .denyCache(10_000)
                .build();
        for (KeyedRateLimiter<String> limiter : java.util.List.of(exhausted, exhaustedDenyCache)) {
            limiter.tryConsume("abuser");
            if (limiter.tryConsume("abuser")) {
                throw new IllegalStateException("an exhausted key was admitted");
            }
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(1_000_000).refillGreedy(1_000_000, Duration.ofSeconds(1)))
                .build();
        LettuceBasedProxyManager<String> proxies = Bucket4jLettuce.casBasedBuilder(bytes)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        names = new String[keys];
        bucket4j = new BucketProxy[keys];
        bucket4jAsync = new AsyncBucketProxy[keys];
        for (int i = 0; i < keys; i++) {
            names[i] = "client-" + i;
            bucket4j[i] = proxies.builder().build("b4j:" + names[i], () -> configuration);
            bucket4jAsync[i] = proxies.asAsync()
                    .builder()
                    .build("b4j:" + names[i], () -> CompletableFuture.completedFuture(configuration));
        }
        commands.set(0);
        decisions.set(0);
    }

    @TearDown
    public void tearDown() throws IOException {
        long d = decisions.get();
        if (d > 0) {
            System.out.printf(
                    "%n[round trips] %d Redis commands for %d decisions: %.3f per decision%n",
                    commands.get(), d, (double) commands.get() / d);
        }
        strings.close();
        bytes.close();
        client.shutdown();
        resources.shutdown();
        server.stop();
    }

    @Benchmark
    public boolean groundwork(Walk walk) {
        decisions.incrementAndGet();
        return groundwork.tryConsume(names[walk.nextIndex()]);
    }

    @Benchmark
    public boolean bucket4j(Walk walk) {
        decisions.incrementAndGet();
        return bucket4j[walk.nextIndex()].tryConsume(1);
    }

    /** A refused client: one EVALSHA per call. Independent of {@code keys}. */
    @Benchmark
    public boolean refusedAbuser() {
        decisions.incrementAndGet();
        return exhausted.tryConsume("abuser");
    }

    /** The same refused client with the deny cache: answered in process until the retry time (an hour here). */
    @Benchmark
    public boolean refusedAbuserDenyCache() {
        decisions.incrementAndGet();
        return exhaustedDenyCache.tryConsume("abuser");
    }

    @Benchmark
    public String ping() {
        decisions.incrementAndGet();
        return strings.sync().ping();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public int groundworkPipelined(Walk walk) {
        decisions.addAndGet(PIPELINE);
        @SuppressWarnings("unchecked")
        CompletableFuture<Decision>[] inFlight = new CompletableFuture[PIPELINE];
        for (int i = 0; i < PIPELINE; i++) {
            inFlight[i] = groundwork.tryAcquireAsync(names[walk.nextIndex()], 1).toCompletableFuture();
        }
        int admitted = 0;
        for (CompletableFuture<Decision> decision : inFlight) {
            admitted += decision.join().allowed() ? 1 : 0;
        }
        return admitted;
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public int bucket4jPipelined(Walk walk) {
        decisions.addAndGet(PIPELINE);
        @SuppressWarnings("unchecked")
        CompletableFuture<Boolean>[] inFlight = new CompletableFuture[PIPELINE];
        for (int i = 0; i < PIPELINE; i++) {
            inFlight[i] = bucket4jAsync[walk.nextIndex()].tryConsume(1);
        }
        int admitted = 0;
        for (CompletableFuture<Boolean> decision : inFlight) {
            admitted += decision.join() ? 1 : 0;
        }
        return admitted;
    }

    /** Counts every command the Lettuce client completes, whatever its type. */
    private static final class CommandCounter implements CommandLatencyRecorder {
        private final AtomicLong count;

        CommandCounter(AtomicLong count) {
            this.count = count;
        }

        @Override
        public void recordCommandLatency(
                SocketAddress local, SocketAddress remote, ProtocolKeyword type, long first, long completion) {
            count.incrementAndGet();
        }

        @Override
        public boolean isEnabled() {
            return true;
        }
    }
}
