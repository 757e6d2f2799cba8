package dev.groundwork.benchmarks;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * One shared limiter, one permit per call: ratelimit-core beside Bucket4j (lock-free local bucket),
 * resilience4j's {@code AtomicRateLimiter} and Guava's {@code SmoothBursty}, in one run.
 *
 * <p>{@code admit}: a limit so high that every call is admitted (the common case, and what Bucket4j's own
 * "mostly success" benchmark measures); {@code refuse}: the limiter is exhausted and every call is refused (a
 * client hammering past its limit). Run with {@code -t 1} and {@code -t 2}:
 * {@code java -jar benchmarks/target/benchmarks.jar RateLimitBenchmark -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RateLimitBenchmark {

    @Param({"admit", "refuse"})
    String scenario;

    private RateLimiter groundwork;
    private Bucket bucket4j;
    private io.github.resilience4j.ratelimiter.RateLimiter resilience4j;
    private com.google.common.util.concurrent.RateLimiter guava;

    @Setup
    public void setUp() {
        boolean admit = scenario.equals("admit");
        // admit: 10^9 per second with a burst of 10^9 (one second); refuse: one per hour, drained below.
        long perSecond = admit ? 1_000_000_000L : 1;
        Duration window = admit ? Duration.ofSeconds(1) : Duration.ofHours(1);
        groundwork = RateLimiter.builder().limit(Limit.of(perSecond, window)).build();
        bucket4j = Bucket.builder()
                .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, window))
                .build();
        resilience4j = io.github.resilience4j.ratelimiter.RateLimiter.of(
                "bench",
                RateLimiterConfig.custom()
                        .limitForPeriod((int) Math.min(Integer.MAX_VALUE, perSecond))
                        .limitRefreshPeriod(window)
                        .timeoutDuration(Duration.ZERO)
                        .build());
        guava = com.google.common.util.concurrent.RateLimiter.create((double) perSecond / window.toSeconds());
        if (!admit) {
            groundwork.tryConsume();
            bucket4j.tryConsume(1);
            resilience4j.acquirePermission();
            guava.tryAcquire();
            if (groundwork.tryConsume()
                    || bucket4j.tryConsume(1)
                    || resilience4j.acquirePermission()
                    || guava.tryAcquire()) {
                throw new IllegalStateException("a drained limiter admitted a call");
            }
        }
    }

    @Benchmark
    public boolean groundwork() {
        return groundwork.tryConsume();
    }

    /** The same decision with remaining, reset and retry-after for the response headers. */
    @Benchmark
    public Decision groundworkDecision() {
        return groundwork.tryAcquire();
    }

    @Benchmark
    public boolean bucket4j() {
        return bucket4j.tryConsume(1);
    }

    @Benchmark
    public boolean resilience4j() {
        return resilience4j.acquirePermission();
    }

    @Benchmark
    public boolean guava() {
        return guava.tryAcquire();
    }
}
