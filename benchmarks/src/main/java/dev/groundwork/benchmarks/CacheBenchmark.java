package dev.groundwork.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groundwork.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit: cache-core's {@link LoadingCache#get} beside Caffeine used directly ({@code Cache.getIfPresent}
 * and {@code LoadingCache.get}), on the same keys, all present and fresh. Run with {@code -prof gc} for bytes per
 * hit and {@code -t 2} for two threads.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CacheBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheBenchmark {

    @Param({"1024"})
    int keys;

    private LoadingCache<Integer, Integer> groundwork;
    private Cache<Integer, Integer> caffeine;
    private com.github.benmanes.caffeine.cache.LoadingCache<Integer, Integer> caffeineLoading;
    private Cache<Integer, Integer> caffeineVariable;
    private com.github.benmanes.caffeine.cache.AsyncCache<Integer, Integer> caffeineAsyncVariable;
    private com.github.benmanes.caffeine.cache.AsyncCache<Integer, Integer> caffeineAsync;
    private LoadingCache<Integer, Integer> groundworkCallerRuns;
    private LoadingCache<Integer, Integer> groundworkJittered;
    private Integer[] lookups;

    /** Per-thread cursor into the keys. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        Integer next(Integer[] lookups) {
            Integer key = lookups[next];
            next = next + 1 == lookups.length ? 0 : next + 1;
            return key;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        groundwork = LoadingCache.<Integer, Integer>builder("bench")
                .maximumSize(keys * 2L)
                .expireAfterWrite(Duration.ofHours(1))
                .loader(Optional::of)
                .build();
        groundworkJittered = LoadingCache.<Integer, Integer>builder("bench-jittered")
                .maximumSize(keys * 2L)
                .expireAfterWrite(Duration.ofHours(1))
                .jitter(0.1)
                .loader(Optional::of)
                .build();
        groundworkCallerRuns = LoadingCache.<Integer, Integer>builder("bench-caller-runs")
                .maximumSize(keys * 2L)
                .expireAfterWrite(Duration.ofHours(1))
                .executor(Runnable::run)
                .loader(Optional::of)
                .build();
        caffeine = Caffeine.newBuilder()
                .maximumSize(keys * 2L)
                .expireAfterWrite(Duration.ofHours(1))
                .build();
        caffeineLoading = Caffeine.newBuilder()
                .maximumSize(keys * 2L)
                .expireAfterWrite(Duration.ofHours(1))
                .build(key -> key);
        // Per-entry expiry, which jitter and a separate negative TTL need: the same structure cache-core uses.
        com.github.benmanes.caffeine.cache.Expiry<Integer, Integer> perEntry =
                com.github.benmanes.caffeine.cache.Expiry.writing((key, value) -> Duration.ofHours(1));
        caffeineVariable = Caffeine.newBuilder()
                .maximumSize(keys * 2L)
                .expireAfter(perEntry)
                .build();
        caffeineAsync = Caffeine.newBuilder()
                .maximumSize(keys * 2L)
                .expireAfterWrite(Duration.ofHours(1))
                .buildAsync();
        caffeineAsyncVariable = Caffeine.newBuilder()
                .maximumSize(keys * 2L)
                .expireAfter(perEntry)
                .buildAsync();
        lookups = new Integer[keys];
        for (int i = 0; i < keys; i++) {
            Integer key = i;
            lookups[i] = key;
            groundwork.put(key, key);
            groundworkJittered.put(key, key);
            caffeine.put(key, key);
            caffeineLoading.put(key, key);
            caffeineVariable.put(key, key);
            caffeineAsyncVariable.put(key, java.util.concurrent.CompletableFuture.completedFuture(key));
            caffeineAsync.put(key, java.util.concurrent.CompletableFuture.completedFuture(key));
        }
        for (Integer key : lookups) {
            if (groundwork.get(key).isEmpty()
                    || groundworkJittered.get(key).isEmpty()
                    || caffeine.getIfPresent(key) == null) {
                throw new IllegalStateException("every key must hit before measuring");
            }
        }
    }

    @Benchmark
    public Optional<Integer> groundworkGet(Cursor cursor) {
        return groundwork.get(cursor.next(lookups));
    }

    /** A hit with jitter: every entry has its own lifetime, so Caffeine's per-entry expiry holds them. */
    @Benchmark
    public Optional<Integer> groundworkJitteredGet(Cursor cursor) {
        return groundworkJittered.get(cursor.next(lookups));
    }

    @Benchmark
    public Integer caffeineGetIfPresent(Cursor cursor) {
        return caffeine.getIfPresent(cursor.next(lookups));
    }

    @Benchmark
    public Integer caffeineLoadingGet(Cursor cursor) {
        return caffeineLoading.get(cursor.next(lookups));
    }

    @Benchmark
    public Integer caffeinePerEntryExpiry(Cursor cursor) {
        return caffeineVariable.getIfPresent(cursor.next(lookups));
    }

    /** The structure cache-core is built on, with the fixed lifetime it uses when there is no jitter. */
    @Benchmark
    public Integer caffeineAsyncGetIfPresent(Cursor cursor) {
        return caffeineAsync.getIfPresent(cursor.next(lookups)).join();
    }

    @Benchmark
    public Integer caffeineAsyncPerEntryExpiry(Cursor cursor) {
        return caffeineAsyncVariable.getIfPresent(cursor.next(lookups)).join();
    }

    /** A miss and its load (a trivial loader): the cost a cache adds around the loader, on the default load pool. */
    @Benchmark
    public Optional<Integer> groundworkLoad(Cursor cursor) {
        Integer key = cursor.next(lookups);
        groundwork.invalidate(key);
        return groundwork.get(key);
    }

    /** The same, loading on the caller's thread ({@code executor(Runnable::run)}). */
    @Benchmark
    public Optional<Integer> groundworkLoadCallerRuns(Cursor cursor) {
        Integer key = cursor.next(lookups);
        groundworkCallerRuns.invalidate(key);
        return groundworkCallerRuns.get(key);
    }

    /** Caffeine's loading cache, which loads on the caller's thread. */
    @Benchmark
    public Integer caffeineLoad(Cursor cursor) {
        Integer key = cursor.next(lookups);
        caffeineLoading.invalidate(key);
        return caffeineLoading.get(key);
    }
}
