package dev.groundwork.ratelimit;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.ratelimit.internal.KeyState;
import dev.groundwork.ratelimit.internal.LimitPlan;
import dev.groundwork.ratelimit.internal.LocalKeyedLimiter;
import dev.groundwork.ratelimit.internal.Waiting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rate limits on one shared resource (an outbound API, a job queue): a request is admitted only when every limit
 * admits it, and a refused request takes nothing. For limits per client or per key use {@link KeyedRateLimiter}.
 *
 * <pre>{@code
 * RateLimiter outbound =
 *         RateLimiter.builder().limit(Limit.perSecond(50).burst(10)).build();
 * if (outbound.tryConsume()) {
 *     callPartner();
 * }
 * }</pre>
 *
 * <p>Thread-safe; GCRA and fixed-window limits are decided with one compare-and-set per limit and no allocation
 * in {@link #tryConsume(long)}. Created by {@link Builder#build()}.
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
     * Starts a limiter: add limits, then {@link Builder#build()} one for a shared resource or
     * {@link Builder#buildKeyed()} one with state per key.
     *
     * <pre>{@code
     * KeyedRateLimiter<String> perClient = RateLimiter.builder()
     *         .limit(Limit.perSecond(20).burst(40))
     *         .limit(Limit.perDay(10_000).named("daily"))
     *         .buildKeyed();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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

    /**
     * Configures an in-process {@link RateLimiter} or {@link KeyedRateLimiter}; start from
     * {@link RateLimiter#builder()}. Everything is validated by {@link #build()} and {@link #buildKeyed()}, not at
     * first use. Not thread-safe; the limiters it builds are.
     */
    public static final class Builder {

        private final List<Limit> limits = new ArrayList<>();
        private TimeSource time = TimeSource.system();
        private RateLimitListener listener = RateLimitListener.none();
        private long maxKeys = 1_000_000;
        private String name = "rate-limiter";

        Builder() {}

        /**
         * Adds a limit; a request must pass every limit added.
         *
         * @param limit the limit; its name must differ from the other limits' names
         * @return this builder
         */
        public Builder limit(Limit limit) {
            limits.add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        /**
         * The clock to read; {@link TimeSource#system()} by default, a {@link ManualTimeSource} in tests.
         *
         * @param time the time source
         * @return this builder
         */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Who hears about decisions; nobody by default.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(RateLimitListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * A keyed limiter's upper bound on keys held in memory (1 000 000 by default). Keys whose limits are all full
         * again are removed first and cost nothing; when more keys than this are active at once, a key that is not
         * full is removed (in the sweep's order, not least-recently-used) and starts full again, so keep the bound
         * above the number of keys active within the longest limit's refill time.
         *
         * @param maxKeys at least 1
         * @return this builder
         */
        public Builder maxKeys(long maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
            }
            this.maxKeys = maxKeys;
            return this;
        }

        /**
         * The name a single-key limiter reports to its listener as the key ({@code "rate-limiter"} by default).
         *
         * @param name not blank
         * @return this builder
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * A limiter for one shared resource.
         *
         * @return the limiter
         * @throws IllegalArgumentException if no limit was added or two limits share a name
         */
        public RateLimiter build() {
            return new RateLimiter(name, LimitPlan.of(limits), time, listener);
        }

        /**
         * A limiter with separate state per key, bounded in memory: a key's state is evicted once it has been idle
         * for the longest time any limit needs to refill completely (so nothing is lost), or when more than
         * {@link #maxKeys(long)} keys are held.
         *
         * @param <K> the key type
         * @return the limiter
         * @throws IllegalArgumentException if no limit was added or two limits share a name
         */
        public <K> KeyedRateLimiter<K> buildKeyed() {
            return new LocalKeyedLimiter<>(LimitPlan.of(limits), time, listener, maxKeys);
        }
    }
}
