package dev.groundwork.ratelimit.internal;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.RateLimitListener;
import dev.groundwork.ratelimit.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** Blocking acquisition and listener reporting shared by the limiters. */
public final class Waiting {

    private static final long MAX_WAIT_NANOS = Duration.ofDays(366).toNanos();

    private Waiting() {}

    /**
     * Retries {@code attempt} while its refusal's retry time fits before the deadline, sleeping exactly that
     * long between attempts.
     */
    public static Decision acquire(TimeSource time, Duration maxWait, Supplier<Decision> attempt)
            throws InterruptedException {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
        long budget = maxWait.compareTo(Duration.ofDays(366)) > 0 ? MAX_WAIT_NANOS : maxWait.toNanos();
        long deadline = time.nanoTime() + budget;
        for (; ; ) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a rate limit");
            }
            Decision decision = attempt.get();
            if (decision.allowed()) {
                return decision;
            }
            long wait = decision.retryAfter().toNanos();
            if (wait > deadline - time.nanoTime()) {
                return decision;
            }
            time.sleepNanos(wait);
        }
    }

    /** Tells the listener about a decision made through the detailed path. */
    public static void report(RateLimitListener listener, Object key, Decision decision) {
        if (decision.allowed()) {
            listener.onAllowed(key, decision.cost());
        } else {
            var binding = decision.binding();
            if (binding != null) {
                listener.onRefused(key, decision.cost(), binding.limit());
            }
        }
    }
}
