package dev.groundwork.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when told to, for tests: decisions become exact and repeatable, and a
 * blocking {@code acquire} advances this clock instead of sleeping. Thread-safe.
 *
 * <pre>{@code
 * ManualTimeSource time = ManualTimeSource.startingAt(0);
 * RateLimiter limiter = RateLimiter.builder()
 *         .limit(Limit.perSecond(10))
 *         .timeSource(time)
 *         .build();
 * time.advance(Duration.ofMillis(100)); // one more unit refilled
 * }</pre>
 */
public final class ManualTimeSource implements TimeSource {

    private final AtomicLong nanos;

    private ManualTimeSource(long start) {
        this.nanos = new AtomicLong(start);
    }

    /**
     * A clock reading {@code nanos}.
     *
     * @param nanos the first reading
     * @return a new clock
     */
    public static ManualTimeSource startingAt(long nanos) {
        return new ManualTimeSource(nanos);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /**
     * Moves the clock forward.
     *
     * @param duration not negative
     * @throws IllegalArgumentException if negative: a monotonic clock cannot go back
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        advanceNanos(duration.toNanos());
    }

    /**
     * Moves the clock forward.
     *
     * @param delta nanoseconds, not negative
     * @throws IllegalArgumentException if negative
     */
    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back, got " + delta + " ns");
        }
        nanos.addAndGet(delta);
    }

    /** Advances the clock by {@code nanos} instead of sleeping. */
    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for a rate limit");
        }
        if (nanos > 0) {
            advanceNanos(nanos);
        }
    }
}
