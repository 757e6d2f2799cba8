package dev.groundwork.ratelimit;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.ratelimit.internal.Waiting;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rate limits applied per key (client id, API key, IP address): each key has its own state, every limit of the
 * limiter applies to every key, and a request is admitted only when all limits admit it; a refused request takes
 * nothing from any limit.
 *
 * <pre>{@code
 * KeyedRateLimiter<String> perClient = RateLimiter.builder()
 *         .limit(Limit.perSecond(20).burst(40))
 *         .limit(Limit.perDay(10_000).named("daily"))
 *         .buildKeyed();
 * }</pre>
 *
 * <p>Built in process by {@link RateLimiter.Builder#buildKeyed()}, or shared by many instances through Redis by
 * {@code dev.groundwork.ratelimit.redis}. Implementations are thread-safe. A null key is refused with a
 * {@link NullPointerException}; a cost below 1 or above a limit's capacity with an
 * {@link IllegalArgumentException}, before any state is touched.
 *
 * @param <K> the key type; keys are compared with {@code equals}
 */
public interface KeyedRateLimiter<K> {

    /**
     * Takes one unit for {@code key} if every limit admits it. Never blocks. The in-process implementation
     * allocates nothing for a key that already has state.
     *
     * @param key the key
     * @return whether the request was admitted
     */
    @CheckReturnValue
    default boolean tryConsume(K key) {
        return tryConsume(key, 1);
    }

    /**
     * Takes {@code cost} units for {@code key} if every limit admits them. Never blocks.
     *
     * @param key the key
     * @param cost units, 1 up to the smallest capacity
     * @return whether the request was admitted
     */
    @CheckReturnValue
    boolean tryConsume(K key, long cost);

    /**
     * Takes one unit for {@code key} if every limit admits it, and describes the outcome. Never blocks.
     *
     * @param key the key
     * @return the decision
     */
    @CheckReturnValue
    default Decision tryAcquire(K key) {
        return tryAcquire(key, 1);
    }

    /**
     * Takes {@code cost} units for {@code key} if every limit admits them, and describes the outcome. Never
     * blocks.
     *
     * @param key the key
     * @param cost units, 1 up to the smallest capacity
     * @return the decision
     */
    @CheckReturnValue
    Decision tryAcquire(K key, long cost);

    /**
     * {@link #tryAcquire(Object, long)} without blocking the calling thread on I/O: remote implementations return
     * as soon as the request is sent. Argument errors are thrown, not put in the stage.
     *
     * @param key the key
     * @param cost units, 1 up to the smallest capacity
     * @return the decision, when known
     */
    @CheckReturnValue
    default CompletionStage<Decision> tryAcquireAsync(K key, long cost) {
        return CompletableFuture.completedFuture(tryAcquire(key, cost));
    }

    /**
     * Takes {@code cost} units for {@code key}, waiting up to {@code maxWait} for them. Waits only when the
     * limiter's retry time fits in what is left of {@code maxWait}, so it never sleeps past the deadline: a
     * request that cannot be admitted in time returns the refusal at once. Not fair: a waiting caller can lose the
     * units it waited for to a caller that arrives later, and then waits again if time is left.
     *
     * @param key the key
     * @param cost units, 1 up to the smallest capacity
     * @param maxWait the longest to wait, not negative
     * @return the admission, or the last refusal when the wait would exceed {@code maxWait}
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    @CheckReturnValue
    default Decision acquire(K key, long cost, Duration maxWait) throws InterruptedException {
        return Waiting.acquire(TimeSource.system(), maxWait, () -> tryAcquire(key, cost));
    }

    /**
     * The limits every key is held to.
     *
     * @return the limits, in the order they are checked
     */
    List<Limit> limits();
}
