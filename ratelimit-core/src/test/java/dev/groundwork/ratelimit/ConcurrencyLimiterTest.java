package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** In-flight permits per key: never more than the maximum, given back once, memory freed with the last permit. */
class ConcurrencyLimiterTest {

    @Test
    void permitsAreLimitedPerKeyAndGivenBackOnClose() {
        ConcurrencyLimiter<String> limiter = ConcurrencyLimiter.of(2);
        Optional<ConcurrencyLimiter.Permit> first = limiter.tryAcquire("a");
        Optional<ConcurrencyLimiter.Permit> second = limiter.tryAcquire("a");
        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.tryAcquire("b")).isPresent();
        assertThat(limiter.inFlight("a")).isEqualTo(2);
        first.get().close();
        first.get().close(); // a second close gives nothing back twice
        assertThat(limiter.inFlight("a")).isEqualTo(1);
        assertThat(limiter.tryAcquire("a")).isPresent();
        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.maxInFlight()).isEqualTo(2);
        assertThatThrownBy(() -> limiter.tryAcquire(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keyStateIsDroppedWithItsLastPermit() {
        ConcurrencyLimiter<Integer> limiter = ConcurrencyLimiter.of(3);
        List<ConcurrencyLimiter.Permit> held = new ArrayList<>();
        for (int key = 0; key < 10_000; key++) {
            held.add(limiter.tryAcquire(key).orElseThrow());
        }
        assertThat(limiter.activeKeys()).isEqualTo(10_000);
        held.forEach(ConcurrencyLimiter.Permit::close);
        assertThat(limiter.activeKeys()).isZero();
        assertThat(limiter.inFlight(5)).isZero();
    }

    @Test
    void neverMoreInFlightThanAllowedUnderContention() throws InterruptedException {
        int max = 3;
        int keys = 8;
        ConcurrencyLimiter<Integer> limiter = ConcurrencyLimiter.of(max);
        AtomicIntegerArray inside = new AtomicIntegerArray(keys);
        AtomicInteger worst = new AtomicInteger();
        AtomicInteger entered = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    int key = random.nextInt(keys);
                    Optional<ConcurrencyLimiter.Permit> permit = limiter.tryAcquire(key);
                    if (permit.isPresent()) {
                        int now = inside.incrementAndGet(key);
                        worst.accumulateAndGet(now, Math::max);
                        entered.incrementAndGet();
                        inside.decrementAndGet(key);
                        permit.get().close();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(worst.get()).isBetween(1, max);
        assertThat(entered.get()).isGreaterThan(100_000);
        assertThat(limiter.activeKeys()).isZero();
    }
}
