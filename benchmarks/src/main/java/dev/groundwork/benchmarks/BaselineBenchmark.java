package dev.groundwork.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentHashMap;
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
 * The floors that later Groundwork benchmarks are read against, and proof that the harness runs: a hit in a
 * {@link ConcurrentHashMap}, a hit in a bounded Caffeine cache (the engine under cache-core), and the cost of
 * reading {@link System#nanoTime()} (the clock under ratelimit-core's hot path).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BaselineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BaselineBenchmark {

    @Param({"1024"})
    int keys;

    private ConcurrentHashMap<Integer, Integer> map;
    private Cache<Integer, Integer> caffeine;
    private Integer[] lookups;

    /** Per-thread cursor into the lookup keys, so threads do not share a counter. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        map = new ConcurrentHashMap<>();
        caffeine = Caffeine.newBuilder().maximumSize(keys * 2L).build();
        lookups = new Integer[keys];
        for (int i = 0; i < keys; i++) {
            Integer key = i;
            map.put(key, i);
            caffeine.put(key, i);
            lookups[i] = key;
        }
    }

    private Integer nextKey(Cursor cursor) {
        int index = cursor.next++ & (keys - 1);
        return lookups[index];
    }

    @Benchmark
    public Integer concurrentHashMapHit(Cursor cursor) {
        return map.get(nextKey(cursor));
    }

    @Benchmark
    public Integer caffeineHit(Cursor cursor) {
        return caffeine.getIfPresent(nextKey(cursor));
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
