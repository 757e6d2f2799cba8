package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Threads hammer one key and many keys on the real clock; every admission is stamped with the exact time the
 * limiter read for it, and afterwards the stamps are checked against each algorithm's bound in every window.
 */
class ConcurrencySafetyTest {

    private static final int THREADS = 4;
    private static final long RUN_NANOS = 800_000_000L;

    /** System time that remembers, per thread, the last value it handed out and the first value ever read. */
    private static final class StampingTime implements TimeSource {
        final ThreadLocal<long[]> last = ThreadLocal.withInitial(() -> new long[1]);
        volatile long first = Long.MIN_VALUE;

        @Override
        public long nanoTime() {
            long now = System.nanoTime();
            if (first == Long.MIN_VALUE) {
                first = now;
            }
            last.get()[0] = now;
            return now;
        }
    }

    /**
     * Admission stamps per key, gathered from all threads: {@code byKey} holds the time the limiter read for each
     * admission, sorted; {@code spans} holds pairs of (that time, the time the call returned), in the same order.
     */
    private record Stamps(long[][] byKey, long[][][] spans) {}

    private static Stamps hammer(int keys, StampingTime time, KeyDecider decider) throws InterruptedException {
        List<List<long[]>> perThread = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<long[]> mine = new ArrayList<>();
            perThread.add(mine);
            int seed = t;
            threads.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                long[] buffer = new long[1 << 16];
                int size = 0;
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = System.nanoTime() + RUN_NANOS;
                while (System.nanoTime() < end) {
                    int key = keys == 1 ? 0 : random.nextInt(keys);
                    if (decider.tryConsume(key)) {
                        long returned = System.nanoTime();
                        if (size + 3 > buffer.length) {
                            mine.add(Arrays.copyOf(buffer, size));
                            size = 0;
                        }
                        buffer[size++] = key;
                        buffer[size++] = time.last.get()[0];
                        buffer[size++] = returned;
                    }
                }
                mine.add(Arrays.copyOf(buffer, size));
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        List<List<long[]>> byKey = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            byKey.add(new ArrayList<>());
        }
        for (List<long[]> chunks : perThread) {
            for (long[] chunk : chunks) {
                for (int i = 0; i < chunk.length; i += 3) {
                    byKey.get((int) chunk[i]).add(new long[] {chunk[i + 1], chunk[i + 2]});
                }
            }
        }
        long[][] sorted = new long[keys][];
        long[][][] spans = new long[keys][][];
        for (int k = 0; k < keys; k++) {
            spans[k] = byKey.get(k).stream()
                    .sorted((x, y) -> Long.compare(x[0], y[0]))
                    .toArray(long[][]::new);
            sorted[k] = Arrays.stream(spans[k]).mapToLong(span -> span[0]).toArray();
        }
        return new Stamps(sorted, spans);
    }

    @FunctionalInterface
    private interface KeyDecider {
        boolean tryConsume(int key);
    }

    /**
     * GCRA bound: admissions stamped within [a, b] number at most burst + (b − a) / T. With f(j) = (j + 1)·T − t_j
     * and g(i) = i·T − t_i this is f(j) − min over i ≤ j of g(i) ≤ burst·T, checked in one pass.
     */
    private static void assertGcraBound(long[] stamps, Limit limit) {
        long interval = limit.emissionIntervalNanos();
        long tolerance = interval * limit.burst();
        long minG = Long.MAX_VALUE;
        for (int j = 0; j < stamps.length; j++) {
            minG = Math.min(minG, j * interval - stamps[j]);
            long f = (j + 1) * interval - stamps[j];
            assertThat(f - minG)
                    .as("admissions up to #%d exceed burst + elapsed / T", j)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    /**
     * Window bound. A request whose clock reading is stale (another thread already opened the next window) is
     * charged to the window that is open when it commits, somewhere between its reading and its return. The check
     * is therefore a feasibility test: can every admission be charged to a window within its span so that no
     * window holds more than the quota? Earliest-deadline-first assignment answers it exactly.
     */
    private static void assertWindowCounts(long[][] spans, long origin, Limit limit) {
        long window = limit.window().toNanos();
        long[][] items = new long[spans.length][];
        for (int i = 0; i < spans.length; i++) {
            items[i] = new long[] {(spans[i][0] - origin) / window, (spans[i][1] - origin) / window};
        }
        Arrays.sort(items, (a, b) -> Long.compare(a[0], b[0]));
        java.util.PriorityQueue<long[]> open = new java.util.PriorityQueue<>((a, b) -> Long.compare(a[1], b[1]));
        int next = 0;
        long current = items.length == 0 ? 0 : items[0][0];
        while (next < items.length || !open.isEmpty()) {
            if (open.isEmpty()) {
                current = Math.max(current, items[next][0]);
            }
            while (next < items.length && items[next][0] <= current) {
                open.add(items[next++]);
            }
            for (long charged = 0; charged < limit.quota() && !open.isEmpty(); charged++) {
                open.poll();
            }
            long[] late = open.peek();
            assertThat(late == null || late[1] > current)
                    .as("window %d must hold more than %d admissions", current, limit.quota())
                    .isTrue();
            current++;
        }
    }

    @Test
    void oneHotKeyNeverAdmitsMoreThanBurstPlusRate() throws InterruptedException {
        StampingTime time = new StampingTime();
        Limit limit = Limit.perSecond(200_000).burst(500);
        RateLimiter limiter =
                RateLimiter.builder().limit(limit).timeSource(time).build();
        Stamps stamps = hammer(1, time, key -> limiter.tryConsume());
        long[] all = stamps.byKey()[0];
        // Enough admissions that a lost update would show: at least half the configured rate for the run.
        assertThat(all.length).isGreaterThan(1_000);
        assertGcraBound(all, limit);
    }

    @Test
    void manyKeysEachKeepTheirBoundWithSeveralLimits() throws InterruptedException {
        StampingTime time = new StampingTime();
        Limit gcra = Limit.perSecond(5_000).burst(50).named("gcra");
        Limit fixed =
                Limit.of(400, java.time.Duration.ofMillis(100)).fixedWindow().named("fixed");
        KeyedRateLimiter<Integer> limiter =
                RateLimiter.builder().limit(gcra).limit(fixed).timeSource(time).buildKeyed();
        Stamps stamps = hammer(64, time, limiter::tryConsume);
        long total = 0;
        for (int k = 0; k < 64; k++) {
            long[] key = stamps.byKey()[k];
            total += key.length;
            assertGcraBound(key, gcra);
            assertWindowCounts(stamps.spans()[k], time.first, fixed);
        }
        assertThat(total).isGreaterThan(1_000);
    }

    /**
     * States that are full again are swept out of the map while other threads decide on them; the retire mark must
     * send those threads to a fresh state without losing their units. A thread sweeps continuously here.
     */
    @Test
    void sweepingFullStatesLosesNoUnits() throws InterruptedException {
        StampingTime time = new StampingTime();
        // 2 µs per unit, burst 3: a key is full again a few microseconds after its last use, so sweeps hit live keys.
        Limit limit = Limit.perSecond(500_000).burst(3);
        KeyedRateLimiter<Integer> limiter =
                RateLimiter.builder().limit(limit).timeSource(time).buildKeyed();
        var local = (dev.groundwork.ratelimit.internal.LocalKeyedLimiter<Integer>) limiter;
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong sweeps = new java.util.concurrent.atomic.AtomicLong();
        Thread sweeper = new Thread(() -> {
            while (running.get()) {
                local.estimatedKeys();
                sweeps.incrementAndGet();
            }
        });
        sweeper.start();
        Stamps stamps;
        try {
            stamps = hammer(3, time, limiter::tryConsume);
        } finally {
            running.set(false);
            sweeper.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(sweeps.get()).isGreaterThan(1_000);
        for (long[] key : stamps.byKey()) {
            assertThat(key.length).isGreaterThan(1_000);
            assertGcraBound(key, limit);
        }
    }

    @Test
    void windowsNeverExceedTheirQuotaUnderContention() throws InterruptedException {
        for (Limit limit : List.of(
                Limit.of(1_000, java.time.Duration.ofMillis(50)).fixedWindow(),
                Limit.of(1_000, java.time.Duration.ofMillis(50)).slidingWindow())) {
            StampingTime time = new StampingTime();
            KeyedRateLimiter<Integer> limiter =
                    RateLimiter.builder().limit(limit).timeSource(time).buildKeyed();
            IntPredicate decide = key -> limiter.tryConsume(key);
            Stamps stamps = hammer(4, time, decide::test);
            for (long[][] key : stamps.spans()) {
                assertThat(key.length).as(limit.algorithm().name()).isGreaterThan(1_000);
                assertWindowCounts(key, time.first, limit);
            }
        }
    }
}
