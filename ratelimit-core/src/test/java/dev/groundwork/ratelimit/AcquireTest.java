package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Blocking acquisition waits exactly the retry time and never past its deadline. */
class AcquireTest {

    /** A manual clock that records every sleep. */
    private static final class RecordingTime implements TimeSource {
        final ManualTimeSource clock = ManualTimeSource.startingAt(0);
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            sleeps.add(nanos);
            clock.sleepNanos(nanos);
        }
    }

    private final RecordingTime time = new RecordingTime();
    private final RateLimiter limiter = RateLimiter.builder()
            .limit(Limit.perSecond(10).burst(2))
            .timeSource(time)
            .build();

    @Test
    void waitsExactlyTheRetryTime() throws InterruptedException {
        limiter.tryConsume(2);
        Decision d = limiter.acquire(1, Duration.ofMillis(100));
        assertThat(d.allowed()).isTrue();
        assertThat(time.sleeps).containsExactly(100_000_000L);
    }

    @Test
    void refusesAtOnceWhenTheWaitWouldPassTheDeadline() throws InterruptedException {
        limiter.tryConsume(2);
        Decision d = limiter.acquire(2, Duration.ofMillis(199));
        assertThat(d.allowed()).isFalse();
        assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(200));
        assertThat(time.sleeps).isEmpty();
        assertThat(limiter.acquire(2, Duration.ofMillis(200)).allowed()).isTrue();
        assertThat(time.sleeps).containsExactly(200_000_000L);
    }

    @Test
    void zeroWaitIsTryAcquire() throws InterruptedException {
        assertThat(limiter.acquire(2, Duration.ZERO).allowed()).isTrue();
        assertThat(limiter.acquire(1, Duration.ZERO).allowed()).isFalse();
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void keyedAcquireWaitsPerKey() throws InterruptedException {
        KeyedRateLimiter<String> keyed = RateLimiter.builder()
                .limit(Limit.perSecond(4).burst(1))
                .timeSource(time)
                .buildKeyed();
        assertThat(keyed.acquire("a", 1, Duration.ofSeconds(1)).allowed()).isTrue();
        assertThat(keyed.acquire("b", 1, Duration.ofSeconds(1)).allowed()).isTrue();
        assertThat(keyed.acquire("a", 1, Duration.ofSeconds(1)).allowed()).isTrue();
        assertThat(time.sleeps).containsExactly(250_000_000L);
        assertThat(keyed.tryAcquireAsync("b", 1).toCompletableFuture().join().allowed())
                .isTrue();
    }

    @Test
    void hostileWaitsAreRefusedOrBounded() throws InterruptedException {
        assertThatThrownBy(() -> limiter.acquire(1, Duration.ofNanos(-1))).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> limiter.acquire(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> limiter.acquire(3, Duration.ofSeconds(1)))
                .hasMessageContaining("exceeds the capacity");
        limiter.tryConsume(2);
        // An absurd wait is capped, not overflowed.
        assertThat(limiter.acquire(1, Duration.ofSeconds(Long.MAX_VALUE)).allowed())
                .isTrue();
    }

    @Test
    void interruptionStopsTheWaitWithoutTakingUnits() throws Exception {
        RateLimiter real = RateLimiter.builder().limit(Limit.perHour(1)).build();
        real.tryConsume();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            started.countDown();
            try {
                real.acquire(1, Duration.ofHours(2));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        waiter.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        assertThat(real.tryAcquire().remaining()).isZero();
    }
}
