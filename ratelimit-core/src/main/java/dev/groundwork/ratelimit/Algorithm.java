package dev.groundwork.ratelimit;

/**
 * How a {@link Limit} counts. All three admit at most {@code quota} per {@code window} over time; they differ in
 * how bursts and window edges behave.
 */
public enum Algorithm {
    /**
     * The generic cell rate algorithm, which is a token bucket written as one timestamp: a bucket of {@code burst}
     * tokens refilled at {@code quota / window}, continuously rather than in steps. Smooth, no window edges, burst
     * configurable; the state is one {@code long} per key, updated with a compare-and-set and no allocation. The
     * default and the right choice for almost every API limit.
     */
    GCRA,
    /**
     * Counts per aligned window ({@code [k·window, (k+1)·window)} from the limiter's start): at most {@code quota}
     * per window, the counter resets at each boundary. Simple to explain ("1 000 per day") but allows up to
     * {@code 2·quota} across a boundary. One {@code long} per key, compare-and-set.
     */
    FIXED_WINDOW,
    /**
     * The sliding-window counter: the previous window's count weighted by the part of it that still overlaps a
     * window ending now, plus the current count, rounded up so it never admits more than the weighted estimate.
     * Removes most of the fixed window's boundary burst at the cost of three numbers per key and a per-key lock.
     */
    SLIDING_WINDOW
}
