package dev.groundwork.ratelimit;

import java.util.concurrent.locks.LockSupport;

/**
 * The monotonic clock a limiter reads, and how it waits. Production code uses {@link #system()}; tests pass a
 * {@link ManualTimeSource} so every decision is exact and nothing sleeps. Implementations must be thread-safe
 * and never go backwards.
 */
public interface TimeSource {

    /**
     * The current time in nanoseconds from an arbitrary origin, like {@link System#nanoTime()}.
     *
     * @return monotonic nanoseconds
     */
    long nanoTime();

    /**
     * Waits about {@code nanos} nanoseconds; blocking acquisition calls it with a wait that never reaches past its
     * deadline. The default parks the thread until the time has passed on this source.
     *
     * @param nanos how long to wait; nothing happens for zero or less
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default void sleepNanos(long nanos) throws InterruptedException {
        long deadline = nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a rate limit");
            }
        }
    }

    /**
     * The system's monotonic clock, {@link System#nanoTime()}.
     *
     * @return the system time source
     */
    static TimeSource system() {
        return System::nanoTime;
    }
}
