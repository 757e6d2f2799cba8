package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyedRateLimiter} must do, whatever stores its state: one suite, run against the in-process
 * limiter ({@code InProcessKeyedRateLimiterContractTest}) and the Redis one (in ratelimit-redis, through this
 * module's test jar), like Micrometer's registry compatibility kit. An implementation supplies a limiter for a
 * list of limits and a way to move its time; each test uses fresh keys.
 */
public abstract class KeyedRateLimiterContract {
    private static final AtomicInteger KEYS = new AtomicInteger();

    /**
     * A limiter enforcing these limits, whose clock only {@link #advance} moves.
     *
     * @param limits the limits
     * @return the limiter
     */
    protected abstract KeyedRateLimiter<String> create(List<Limit> limits);

    /**
     * Moves the time every limiter of this suite reads.
     *
     * @param duration how far
     */
    protected abstract void advance(Duration duration);

    private static String key() {
        return "contract-" + KEYS.incrementAndGet();
    }

    @Test
    void admitsTheBurstCountingDownThenRefusesWithRetryAfter() {
        KeyedRateLimiter<String> limiter = create(List.of(Limit.perSecond(10).burst(5)));
        String key = key();
        for (long expected = 4; expected >= 0; expected--) {
            Decision admitted = limiter.tryAcquire(key);
            assertThat(admitted.allowed()).isTrue();
            assertThat(admitted.remaining()).isEqualTo(expected);
            assertThat(admitted.source()).isEqualTo(Decision.Source.LIMITER);
        }
        Decision refused = limiter.tryAcquire(key);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(refused.headers()).containsKeys("RateLimit-Policy", "RateLimit", "Retry-After");
    }

    @Test
    void refillsAsItsTimePasses() {
        KeyedRateLimiter<String> limiter = create(List.of(Limit.perSecond(10).burst(2)));
        String key = key();
        assertThat(limiter.tryConsume(key, 2)).isTrue();
        assertThat(limiter.tryConsume(key)).isFalse();
        advance(Duration.ofMillis(100));
        assertThat(limiter.tryConsume(key)).isTrue();
        assertThat(limiter.tryConsume(key)).isFalse();
        advance(Duration.ofSeconds(10));
        assertThat(limiter.tryConsume(key, 2)).isTrue();
    }

    @Test
    void aRefusedRequestTakesNothingFromAnyLimit() {
        KeyedRateLimiter<String> limiter = create(
                List.of(Limit.perMinute(10).named("minute"), Limit.perHour(12).named("hour")));
        String key = key();
        assertThat(limiter.tryConsume(key, 8)).isTrue();
        // The minute limit has 2 left, the hour 4: a cost of 3 fails the minute and must not touch the hour.
        Decision refused = limiter.tryAcquire(key, 3);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.binding().limit().name()).isEqualTo("minute");
        assertThat(limiter.tryAcquire(key, 2).limits())
                .extracting(LimitStatus::remaining)
                .containsExactly(0L, 2L);
    }

    @Test
    void keysAreIndependent() {
        KeyedRateLimiter<String> limiter = create(List.of(Limit.perMinute(1)));
        String a = key();
        String b = key();
        assertThat(limiter.tryConsume(a)).isTrue();
        assertThat(limiter.tryConsume(a)).isFalse();
        assertThat(limiter.tryConsume(b)).isTrue();
    }

    @Test
    void everyWayToAskGivesTheSameAnswers() throws Exception {
        KeyedRateLimiter<String> limiter = create(List.of(Limit.perMinute(4)));
        String key = key();
        assertThat(limiter.tryConsume(key)).isTrue();
        assertThat(limiter.tryAcquire(key).allowed()).isTrue();
        Decision async = limiter.tryAcquireAsync(key, 2).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(async.allowed()).isTrue();
        assertThat(async.remaining()).isZero();
        assertThat(limiter.tryConsume(key)).isFalse();
        assertThat(limiter.tryAcquire(key).allowed()).isFalse();
        assertThat(limiter.tryAcquireAsync(key, 1)
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)
                        .allowed())
                .isFalse();
    }

    @Test
    void fixedAndSlidingWindowsOpenAgainAfterTheirWindow() {
        KeyedRateLimiter<String> fixed =
                create(List.of(Limit.of(3, Duration.ofSeconds(1)).fixedWindow()));
        KeyedRateLimiter<String> sliding =
                create(List.of(Limit.of(3, Duration.ofSeconds(1)).slidingWindow()));
        for (KeyedRateLimiter<String> limiter : List.of(fixed, sliding)) {
            String key = key();
            assertThat(limiter.tryConsume(key, 3)).isTrue();
            assertThat(limiter.tryConsume(key)).isFalse();
        }
        advance(Duration.ofSeconds(2));
        for (KeyedRateLimiter<String> limiter : List.of(fixed, sliding)) {
            assertThat(limiter.tryConsume(key(), 3)).isTrue();
        }
    }

    @Test
    void refusesCostsNoLimitCouldAdmitAndNullKeys() {
        KeyedRateLimiter<String> limiter = create(List.of(Limit.perSecond(10).burst(4)));
        assertThat(limiter.limits()).containsExactly(Limit.perSecond(10).burst(4));
        assertThatThrownBy(() -> limiter.tryAcquire(key(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryAcquire(key(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryAcquire(key(), 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryConsume(key(), 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.tryAcquire(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
