package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.ratelimit.internal.LocalKeyedLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-key state, bounded memory, lossless eviction of idle keys, listener events. */
class KeyedRateLimiterTest {

    private final ManualTimeSource time = ManualTimeSource.startingAt(1_000);

    @Test
    void keysAreIndependent() {
        KeyedRateLimiter<String> limiter =
                RateLimiter.builder().limit(Limit.perMinute(2)).timeSource(time).buildKeyed();
        assertThat(limiter.tryConsume("a", 2)).isTrue();
        assertThat(limiter.tryConsume("a")).isFalse();
        assertThat(limiter.tryConsume("b", 2)).isTrue();
        assertThat(limiter.tryConsume("b")).isFalse();
        assertThat(limiter.limits()).containsExactly(Limit.perMinute(2));
    }

    @Test
    void idleKeysAreEvictedOnlyOnceTheyAreFullAgain() {
        KeyedRateLimiter<Integer> limiter = RateLimiter.builder()
                .limit(Limit.perSecond(10).burst(20))
                .limit(Limit.perMinute(100).fixedWindow().named("minute"))
                .timeSource(time)
                .buildKeyed();
        LocalKeyedLimiter<Integer> local = (LocalKeyedLimiter<Integer>) limiter;
        for (int key = 0; key < 1_000; key++) {
            assertThat(limiter.tryConsume(key, 20)).isTrue();
        }
        assertThat(local.estimatedKeys()).isEqualTo(1_000);

        // 59 s later every key still owes something to the minute window: nothing may be evicted.
        time.advance(Duration.ofSeconds(59));
        assertThat(local.estimatedKeys()).isEqualTo(1_000);
        // Key 7 is used again (GCRA full, the minute window holds 40 of 100): its idle time restarts here.
        assertThat(limiter.tryAcquire(7, 20).limits())
                .extracting(LimitStatus::remaining)
                .containsExactly(0L, 60L);

        // One minute after its last use a key is full under both limits, and it is gone.
        time.advance(Duration.ofSeconds(61));
        assertThat(local.estimatedKeys()).isZero();
        // A fresh key admits exactly what a full one does: eviction lost nothing.
        assertThat(limiter.tryAcquire(3, 20).remaining()).isZero();
        assertThat(limiter.tryAcquire(3).allowed()).isFalse();
    }

    @Test
    void memoryIsBoundedByMaxKeys() {
        KeyedRateLimiter<Integer> limiter = RateLimiter.builder()
                .limit(Limit.perDay(5))
                .maxKeys(1_000)
                .timeSource(time)
                .buildKeyed();
        for (int key = 0; key < 50_000; key++) {
            limiter.tryConsume(key);
        }
        LocalKeyedLimiter<Integer> local = (LocalKeyedLimiter<Integer>) limiter;
        assertThat(local.estimatedKeys()).isLessThanOrEqualTo(1_000);
        // None of those keys was full again (5 per day), so keeping the bound cost state: counted, not hidden.
        assertThat(local.forcedEvictions()).isGreaterThanOrEqualTo(49_000);
    }

    @Test
    void millionsOfClientsPassThroughInBoundedMemoryWithoutLosingState() {
        // 3 000 000 clients, one call each, 1 000 new clients per millisecond; a client is full again 10 ms after
        // its call, so about 10 000 are live at any moment and the sweeper keeps the map near that.
        KeyedRateLimiter<Long> limiter = RateLimiter.builder()
                .limit(Limit.perSecond(100).burst(1))
                .maxKeys(50_000)
                .timeSource(time)
                .buildKeyed();
        LocalKeyedLimiter<Long> local = (LocalKeyedLimiter<Long>) limiter;
        for (long client = 0; client < 3_000_000; client++) {
            assertThat(limiter.tryConsume(client)).isTrue();
            if (client % 1_000 == 999) {
                time.advance(Duration.ofMillis(1));
            }
        }
        // The map never holds more than maxKeys; whenever it reached the bound, the sweeper found full states to
        // remove, so no client ever lost state.
        assertThat(local.forcedEvictions()).isZero();
        assertThat(local.estimatedKeys()).isLessThanOrEqualTo(11_000);
        assertThat(limiter.tryConsume(2_999_999L)).isFalse(); // the last client's state is still there
    }

    @Test
    void atTheBoundFullKeysMakeRoomBeforeLiveOnes() {
        KeyedRateLimiter<Integer> limiter = RateLimiter.builder()
                .limit(Limit.perMinute(1))
                .maxKeys(100)
                .timeSource(time)
                .buildKeyed();
        LocalKeyedLimiter<Integer> local = (LocalKeyedLimiter<Integer>) limiter;
        for (int key = 0; key < 50; key++) {
            assertThat(limiter.tryConsume(key)).isTrue();
        }
        time.advance(Duration.ofSeconds(61)); // keys 0-49 are full again
        for (int key = 50; key < 150; key++) {
            assertThat(limiter.tryConsume(key)).isTrue(); // 50-99 fill the map, 100-149 need room
        }
        assertThat(local.forcedEvictions()).isZero();
        for (int key = 50; key < 150; key++) {
            assertThat(limiter.tryConsume(key)).as("key %d kept its state", key).isFalse();
        }
        assertThat(local.estimatedKeys()).isEqualTo(100);
    }

    @Test
    void nullKeyIsRefusedBeforeAnyStateIsTouched() {
        KeyedRateLimiter<String> limiter =
                RateLimiter.builder().limit(Limit.perSecond(1)).buildKeyed();
        assertThatThrownBy(() -> limiter.tryConsume(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> limiter.tryAcquire(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> limiter.acquire(null, 1, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> limiter.tryAcquire("k", 2)).hasMessageContaining("exceeds the capacity 1");
        assertThat(((LocalKeyedLimiter<String>) limiter).estimatedKeys()).isZero();
    }

    @Test
    void hostileKeysAreJustKeys() {
        KeyedRateLimiter<String> limiter =
                RateLimiter.builder().limit(Limit.perMinute(1)).timeSource(time).buildKeyed();
        List<String> keys = List.of("", " ", "\u0000", "a:b", "{tag}", "*", "x".repeat(100_000), "🙂");
        for (String key : keys) {
            assertThat(limiter.tryConsume(key))
                    .as("first use of %s", key.length())
                    .isTrue();
        }
        for (String key : keys) {
            assertThat(limiter.tryConsume(key)).isFalse();
        }
    }

    @Test
    void listenerHearsEveryDecisionWithTheRefusingLimit() {
        List<String> events = new ArrayList<>();
        RateLimitListener listener = new RateLimitListener() {
            @Override
            public void onAllowed(Object key, long cost) {
                events.add("allowed " + key + " " + cost);
            }

            @Override
            public void onRefused(Object key, long cost, Limit refusedBy) {
                events.add("refused " + key + " " + cost + " by " + refusedBy.name());
            }
        };
        KeyedRateLimiter<String> limiter = RateLimiter.builder()
                .limit(Limit.perSecond(10).named("second"))
                .limit(Limit.perHour(12).named("hour"))
                .listener(listener)
                .timeSource(time)
                .buildKeyed();
        limiter.tryConsume("a", 10);
        limiter.tryConsume("a", 1);
        time.advance(Duration.ofSeconds(1));
        limiter.tryAcquire("a", 3);
        RateLimiter single = RateLimiter.builder()
                .limit(Limit.perSecond(1))
                .name("outbound")
                .listener(listener)
                .timeSource(time)
                .build();
        single.tryConsume();
        single.tryAcquire();
        assertThat(events)
                .containsExactly(
                        "allowed a 10",
                        "refused a 1 by second",
                        "refused a 3 by hour",
                        "allowed outbound 1",
                        "refused outbound 1 by 1-per-1s");
        RateLimitListener.none().onBackendRecovered(); // the no-op listener accepts everything
    }
}
