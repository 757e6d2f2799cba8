package dev.groundwork.ratelimit;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.ratelimit.internal.KeyState;
import dev.groundwork.ratelimit.internal.LimitPlan;
import dev.groundwork.ratelimit.internal.Waiting;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Rate limits on one shared resource (an outbound API, a job queue): a request is admitted only when every limit
 * admits it, and a refused request takes nothing. For limits per client or per key use {@link KeyedRateLimiter}.
 *
 * <pre>{@code
 * RateLimiter outbound = RateLimiters.builder().limit(Limit.perSecond(50).burst(10)).build();
 * if (outbound.tryConsume()) callPartner();
 * }</pre>
 *
 * <p>Thread-safe; GCRA and fixed-window limits are decided with one compare-and-set per limit and no allocation
 * in {@link #tryConsume(long)}. Created by {@link RateLimiterBuilder#build()}.
 */
public final class RateLimiter {

    private final String name;
    private final LimitPlan plan;
    private final KeyState state;
    private final TimeSource time;
    private final long origin;
    private final RateLimitListener listener;

    RateLimiter(String name, LimitPlan plan, TimeSource time, RateLimitListener listener) {
        this.name = name;
        this.plan = plan;
        this.state = plan.newState();
        this.time = time;
        this.origin = time.nanoTime();
        this.listener = listener;
    }

    /**
     * Takes one unit if every limit admits it. Never blocks.
     *
     * @return whether the request was admitted
     */
    @CheckReturnValue
    public boolean tryConsume() {
        return tryConsume(1);
    }

    /**
     * Takes {@code cost} units if every limit admits them. Never blocks, never allocates.
     *
     * @param cost units, 1 up to the smallest capacity
     * @return whether the request was admitted
     * @throws IllegalArgumentException if the cost is below 1 or above a limit's capacity
     */
    @CheckReturnValue
    public boolean tryConsume(long cost) {
        plan.checkCost(cost);
        return plan.report(listener, name, cost, plan.tryConsume(state, time.nanoTime() - origin, cost));
    }

    /**
     * Takes one unit if every limit admits it, and describes the outcome. Never blocks.
     *
     * @return the decision
     */
    @CheckReturnValue
    public Decision tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code cost} units if every limit admits them, and describes the outcome. Never blocks.
     *
     * @param cost units, 1 up to the smallest capacity
     * @return the decision
     * @throws IllegalArgumentException if the cost is below 1 or above a limit's capacity
     */
    @CheckReturnValue
    public Decision tryAcquire(long cost) {
        plan.checkCost(cost);
        // A single limiter's state is never retired: only the keyed limiter's sweeper retires states.
        Decision decision = Objects.requireNonNull(plan.decide(state, time.nanoTime() - origin, cost));
        Waiting.report(listener, name, decision);
        return decision;
    }

    /**
     * Takes {@code cost} units, waiting up to {@code maxWait}; never sleeps past it (see
     * {@link KeyedRateLimiter#acquire}).
     *
     * @param cost units, 1 up to the smallest capacity
     * @param maxWait the longest to wait, not negative
     * @return the admission, or the last refusal
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    @CheckReturnValue
    public Decision acquire(long cost, Duration maxWait) throws InterruptedException {
        plan.checkCost(cost);
        return Waiting.acquire(time, maxWait, () -> tryAcquire(cost));
    }

    /**
     * The limits, in the order they are checked.
     *
     * @return the limits
     */
    public List<Limit> limits() {
        return plan.limits();
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + plan.limits() + "]";
    }
}
