package dev.groundwork.ratelimit;

/**
 * Receives what a limiter decides, so any metrics or logging library can count it without Groundwork depending on
 * it. Every method has an empty default; implement the ones you need. Methods are called on the deciding thread,
 * synchronously, so they must be fast, thread-safe and must not throw (an exception thrown here reaches the
 * caller of the limiter). No event object is allocated for a call.
 *
 * <pre>{@code
 * RateLimitListener metrics = new RateLimitListener() {
 *     @Override
 *     public void onRefused(Object key, long cost, Limit refusedBy) {
 *         registry.counter("ratelimit.refused", "limit", refusedBy.name()).increment();
 *     }
 * };
 * }</pre>
 */
public interface RateLimitListener {

    /**
     * A request was admitted.
     *
     * @param key the key, or the limiter's name for a single-key limiter
     * @param cost the units taken
     */
    default void onAllowed(Object key, long cost) {}

    /**
     * A request was refused; nothing was taken from any limit.
     *
     * @param key the key, or the limiter's name for a single-key limiter
     * @param cost the units asked for
     * @param refusedBy a limit that refused (others may refuse too): the first one checked by {@code tryConsume},
     *     the one that makes the caller wait longest by {@code tryAcquire}
     */
    default void onRefused(Object key, long cost, Limit refusedBy) {}

    /**
     * The remote store failed or did not answer in time, or could not decide one key (its stored state was
     * unreadable; other keys are unaffected and no {@link #onBackendRecovered()} follows); the decision followed
     * {@code policy}.
     *
     * @param cause what failed (a timeout, a connection error, a script error, or an unreadable key)
     * @param policy the outage policy applied to this decision
     */
    default void onBackendFailure(Throwable cause, OutagePolicy policy) {}

    /** The remote store answered again after one or more failures. */
    default void onBackendRecovered() {}

    /**
     * A listener that ignores everything.
     *
     * @return the no-op listener
     */
    static RateLimitListener none() {
        return NoListener.INSTANCE;
    }
}

/** The shared no-op listener. */
enum NoListener implements RateLimitListener {
    INSTANCE
}
