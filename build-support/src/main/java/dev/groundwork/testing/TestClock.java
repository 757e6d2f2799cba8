package dev.groundwork.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one controllable clock of every Groundwork test: a {@link Clock} in UTC that stands still until a test moves
 * it. Thread-safe: tests may move it while other threads read it.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-11-22T12:00:00Z"));
 * clock.advance(Duration.ofMinutes(6));
 * }</pre>
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    private TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * A clock standing at {@code start}.
     *
     * @param start the first instant it reads
     * @return the clock
     */
    public static TestClock at(Instant start) {
        return new TestClock(start);
    }

    /**
     * Moves the clock forward (or back, for a negative duration).
     *
     * @param duration how far
     * @return the new instant
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    /**
     * Moves the clock by a number of nanoseconds.
     *
     * @param nanos how far
     * @return the new instant
     */
    public Instant advanceNanos(long nanos) {
        return advance(Duration.ofNanos(nanos));
    }

    /**
     * Sets the clock.
     *
     * @param instant the instant it reads from now on
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: a test clock has one zone, UTC, and one time, which every view shares. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + "]";
    }
}
