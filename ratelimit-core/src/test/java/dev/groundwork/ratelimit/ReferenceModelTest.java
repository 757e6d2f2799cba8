package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Long random sequences against straightforward reference models written from each algorithm's textbook
 * definition (a token bucket with fractional tokens, a counter per window, the weighted two-window estimate).
 */
class ReferenceModelTest {

    private static final int STEPS = 200_000;

    /** A token bucket with capacity B refilled at one token per T, tokens kept in units of 1/T nanoseconds. */
    @Test
    void gcraEqualsATokenBucket() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            long quota = 1 + random.nextInt(50);
            long windowMs = quota * (1 + random.nextInt(40)); // T exact in ms so the bucket is exact too
            long burst = 1 + random.nextInt(60);
            Limit limit = Limit.of(quota, Duration.ofMillis(windowMs)).burst(burst);
            ManualTimeSource time = ManualTimeSource.startingAt(random.nextLong());
            RateLimiter limiter =
                    RateLimiter.builder().limit(limit).timeSource(time).build();
            long interval = limit.emissionIntervalNanos();
            long capacity = burst * interval;
            long tokens = capacity; // in nanoseconds of refill
            for (int step = 0; step < STEPS; step++) {
                long dt = random.nextInt(4) == 0 ? 0 : random.nextLong(3 * interval);
                time.advanceNanos(dt);
                tokens = Math.min(capacity, tokens + dt);
                long cost = 1 + random.nextInt((int) Math.min(burst, 5));
                boolean expected = tokens >= cost * interval;
                if (expected) {
                    tokens -= cost * interval;
                }
                Decision decision = limiter.tryAcquire(cost);
                assertThat(decision.allowed()).as("seed %d step %d", seed, step).isEqualTo(expected);
                assertThat(decision.remaining())
                        .as("seed %d step %d", seed, step)
                        .isEqualTo(tokens / interval);
                if (!expected) {
                    assertThat(decision.retryAfter().toNanos()).isEqualTo(cost * interval - tokens);
                }
            }
        }
    }

    @Test
    void windowsEqualTheirTextbookCounters() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            long quota = 1 + random.nextInt(30);
            long window = Duration.ofMillis(10 + random.nextInt(1000)).toNanos();
            ManualTimeSource time = ManualTimeSource.startingAt(random.nextLong());
            RateLimiter fixed = RateLimiter.builder()
                    .limit(Limit.of(quota, Duration.ofNanos(window)).fixedWindow())
                    .timeSource(time)
                    .build();
            RateLimiter sliding = RateLimiter.builder()
                    .limit(Limit.of(quota, Duration.ofNanos(window)).slidingWindow())
                    .timeSource(time)
                    .build();
            long elapsed = 0;
            long fixedIndex = 0;
            long fixedCount = 0;
            long slidingIndex = 0;
            long current = 0;
            long previous = 0;
            for (int step = 0; step < STEPS; step++) {
                long dt = random.nextInt(3) == 0 ? 0 : random.nextLong(window / Math.max(1, quota / 2));
                time.advanceNanos(dt);
                elapsed += dt;
                long cost = 1 + random.nextInt((int) Math.min(quota, 4));
                long index = elapsed / window;

                if (index != fixedIndex) {
                    fixedIndex = index;
                    fixedCount = 0;
                }
                boolean fixedExpected = fixedCount + cost <= quota;
                if (fixedExpected) {
                    fixedCount += cost;
                }
                assertThat(fixedTry(fixed, cost))
                        .as("fixed seed %d step %d", seed, step)
                        .isEqualTo(fixedExpected);

                if (index != slidingIndex) {
                    previous = index == slidingIndex + 1 ? current : 0;
                    current = 0;
                    slidingIndex = index;
                }
                double weight = (double) (window - (elapsed - index * window)) / window;
                long estimate = (long) Math.ceil(previous * weight - 1e-9) + current;
                boolean slidingExpected = estimate + cost <= quota;
                if (slidingExpected) {
                    current += cost;
                }
                assertThat(fixedTry(sliding, cost))
                        .as("sliding seed %d step %d", seed, step)
                        .isEqualTo(slidingExpected);
            }
        }
    }

    private static boolean fixedTry(RateLimiter limiter, long cost) {
        return limiter.tryConsume(cost);
    }
}
