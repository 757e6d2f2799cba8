package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With a manual clock, each algorithm admits exactly what its definition admits. */
class ExactnessTest {

    private final ManualTimeSource time = ManualTimeSource.startingAt(-7_777_777_777L);

    private RateLimiter limiter(Limit... limits) {
        RateLimiter.Builder builder = RateLimiter.builder().timeSource(time);
        for (Limit limit : limits) {
            builder.limit(limit);
        }
        return builder.build();
    }

    /**
     * GCRA 10/s burst 5 (T = 100 ms, τ = 500 ms). Each row: advance (ms), cost, expected admission, expected
     * remaining afterwards, expected retry-after (µs).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            burst drains one by one       | 0:1:true:4:0, 0:1:true:3:0, 0:1:true:2:0, 0:1:true:1:0, 0:1:true:0:0, 0:1:false:0:100000
            one unit per emission interval | 0:5:true:0:0, 99:1:false:0:1000, 1:1:true:0:0, 0:1:false:0:100000, 100:1:true:0:0
            idle refills the burst exactly | 0:5:true:0:0, 500:5:true:0:0, 499:5:false:4:1000, 1:5:true:0:0
            idle beyond full does not bank | 0:1:true:4:0, 60000:5:true:0:0, 0:1:false:0:100000
            weighted costs                 | 0:3:true:2:0, 0:3:false:2:100000, 100:3:true:0:0, 0:2:false:0:200000, 150:2:false:1:50000, 50:2:true:0:0
            cost equal to burst            | 0:5:true:0:0, 0:5:false:0:500000, 250:5:false:2:250000, 250:5:true:0:0
            """)
    void gcraAdmitsExactlyItsDefinition(String name, String steps) {
        RateLimiter limiter = limiter(Limit.perSecond(10).burst(5));
        replay(limiter, steps);
    }

    /** Fixed window 3/s: windows aligned to the limiter's start; the counter resets at each boundary. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            quota per window              | 0:1:true:2:0, 0:1:true:1:0, 0:1:true:0:0, 0:1:false:0:1000000
            boundary resets the count     | 0:3:true:0:0, 999:1:false:0:1000, 1:3:true:0:0, 0:1:false:0:1000000
            two windows back to back      | 999:3:true:0:0, 1:3:true:0:0, 999:1:false:0:1000
            weighted costs                | 0:2:true:1:0, 0:2:false:1:1000000, 500:1:true:0:0, 500:2:true:1:0
            """)
    void fixedWindowAdmitsExactlyItsDefinition(String name, String steps) {
        replay(limiter(Limit.perSecond(3).fixedWindow()), steps);
    }

    /**
     * Sliding-window counter 10/s: estimate = ceil(prev · (W − e) / W) + cur. After 10 at t = 0 the next unit fits
     * when ceil(10 · (1 − e)) + 1 ≤ 10, i.e. at e = 100 ms of the next window.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            previous window weighs in     | 0:10:true:0:0, 0:1:false:0:1100000, 1099:1:false:0:1000, 1:1:true:0:0, 0:1:false:0:100000
            half a window later           | 0:10:true:0:0, 1500:5:true:0:0, 0:1:false:0:100000
            a skipped window forgets      | 0:10:true:0:0, 2000:10:true:0:0
            weighted costs                | 0:4:true:6:0, 0:6:true:0:0, 0:3:false:0:1300000, 1300:3:true:0:0
            within a window               | 0:6:true:4:0, 500:4:true:0:0, 0:1:false:0:600000
            """)
    void slidingWindowAdmitsExactlyItsDefinition(String name, String steps) {
        replay(limiter(Limit.perSecond(10).slidingWindow()), steps);
    }

    private void replay(RateLimiter limiter, String steps) {
        int index = 0;
        for (String step : steps.split(",")) {
            String[] f = step.trim().split(":");
            time.advance(Duration.ofMillis(Long.parseLong(f[0])));
            Decision decision = limiter.tryAcquire(Long.parseLong(f[1]));
            String at = "step " + index++ + " (" + step.trim() + ")";
            assertThat(decision.allowed()).as(at + " allowed").isEqualTo(Boolean.parseBoolean(f[2]));
            assertThat(decision.remaining()).as(at + " remaining").isEqualTo(Long.parseLong(f[3]));
            assertThat(decision.retryAfter())
                    .as(at + " retryAfter")
                    .isEqualTo(Duration.ofNanos(Long.parseLong(f[4]) * 1000));
        }
    }

    @Test
    void burstEdgeIsExactToTheNanosecond() {
        RateLimiter limiter = limiter(Limit.perSecond(10));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryConsume()).isTrue();
        }
        assertThat(limiter.tryConsume()).isFalse();
        time.advanceNanos(100_000_000 - 1);
        assertThat(limiter.tryConsume()).isFalse();
        time.advanceNanos(1);
        assertThat(limiter.tryConsume()).isTrue();
        assertThat(limiter.tryConsume()).isFalse();
    }

    @Test
    void emissionIntervalRoundsUpSoTheLimiterNeverAdmitsMore() {
        // 3 per second: T = 333 333 334 ns (1e9 / 3 rounded up), so the third unit after the first is due at 3T,
        // 2 ns after the exact 1 s.
        RateLimiter limiter = limiter(Limit.perSecond(3).burst(1));
        assertThat(limiter.tryConsume()).isTrue();
        time.advanceNanos(333_333_334);
        assertThat(limiter.tryConsume()).isTrue();
        time.advanceNanos(333_333_334);
        assertThat(limiter.tryConsume()).isTrue();
        time.advanceNanos(333_333_332); // exactly 1 s after the first
        assertThat(limiter.tryConsume()).isFalse();
        time.advanceNanos(2);
        assertThat(limiter.tryConsume()).isTrue();
    }

    @Test
    void refusedRequestTakesNothingFromAnyLimit() {
        RateLimiter limiter =
                limiter(Limit.perSecond(10).named("second"), Limit.perMinute(15).named("minute"));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryConsume()).isTrue();
        }
        Decision bySecond = limiter.tryAcquire();
        assertThat(bySecond.allowed()).isFalse();
        assertThat(bySecond.binding().limit().name()).isEqualTo("second");
        assertThat(bySecond.limits()).extracting(LimitStatus::remaining).containsExactly(0L, 5L);

        time.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(5).allowed()).isTrue();
        Decision byMinute = limiter.tryAcquire(2);
        assertThat(byMinute.allowed()).isFalse();
        assertThat(byMinute.binding().limit().name()).isEqualTo("minute");
        // The per-second limit admitted the 2 units before the minute refused; they were given back.
        assertThat(byMinute.limits()).extracting(LimitStatus::remaining).containsExactly(5L, 0L);
        // The minute limit (one unit per 4 s, TAT at 60 s, now 1 s) takes 2 more units at 60 + 8 − 60 − 1 = 7 s.
        assertThat(byMinute.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        time.advance(Duration.ofSeconds(7).minusNanos(1));
        assertThat(limiter.tryAcquire(2).allowed()).isFalse();
        time.advanceNanos(1);
        assertThat(limiter.tryAcquire(2).allowed()).isTrue();
    }

    @Test
    void retryAfterIsTheLongestWaitOverAllRefusingLimits() {
        RateLimiter limiter = limiter(
                Limit.perSecond(2).named("fast"), Limit.perSecond(4).burst(2).named("also"));
        assertThat(limiter.tryAcquire(2).allowed()).isTrue();
        Decision refused = limiter.tryAcquire(2);
        // fast: 2 units at 500 ms each → 1 s; also: 2 units at 250 ms each → 500 ms.
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.binding().limit().name()).isEqualTo("fast");
        assertThat(refused.limits()).extracting(s -> s.retryAfter().toMillis()).containsExactly(1000L, 500L);
    }

    @Test
    void costAboveAnyCapacityIsAProgrammingError() {
        RateLimiter limiter = limiter(Limit.perSecond(100).burst(10).named("b"), Limit.perMinute(1000));
        assertThatThrownBy(() -> limiter.tryConsume(11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cost 11 exceeds the capacity 10 of limit 'b'");
        assertThatThrownBy(() -> limiter.tryAcquire(0)).hasMessageContaining("cost must be at least 1, got 0");
        assertThatThrownBy(() -> limiter.tryAcquire(-5)).hasMessageContaining("got -5");
        assertThatThrownBy(() -> limiter.tryConsume(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(limiter.tryAcquire(10).remaining()).isZero(); // nothing was taken by the bad calls
    }
}
