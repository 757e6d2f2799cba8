package dev.groundwork.ratelimit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.RateLimitListener;
import dev.groundwork.ratelimit.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The in-process keyed limiter: one {@link KeyState} per key in a Caffeine cache that expires a key after it has
 * been idle for {@link LimitPlan#idleNanos()} (by then its state equals a fresh one, so eviction is lossless) and
 * caps the number of keys. Lookups of present keys take no lock; updates take no lock shared across keys.
 */
public final class LocalKeyedLimiter<K> implements KeyedRateLimiter<K> {

    private final LimitPlan plan;
    private final TimeSource time;
    private final long origin;
    private final RateLimitListener listener;
    private final Cache<K, KeyState> states;
    private final Function<K, KeyState> newState;

    public LocalKeyedLimiter(LimitPlan plan, TimeSource time, RateLimitListener listener, long maxKeys) {
        this.plan = plan;
        this.time = time;
        this.origin = time.nanoTime();
        this.listener = listener;
        this.states = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(plan.idleNanos()))
                .ticker(time::nanoTime)
                .build();
        this.newState = key -> plan.newState();
    }

    @Override
    public boolean tryConsume(K key, long cost) {
        Objects.requireNonNull(key, "key");
        plan.checkCost(cost);
        KeyState state = states.get(key, newState);
        int refusedBy = plan.tryConsume(state, time.nanoTime() - origin, cost);
        if (refusedBy < 0) {
            listener.onAllowed(key, cost);
            return true;
        }
        listener.onRefused(key, cost, plan.limit(refusedBy));
        return false;
    }

    @Override
    public Decision tryAcquire(K key, long cost) {
        Objects.requireNonNull(key, "key");
        plan.checkCost(cost);
        Decision decision = plan.decide(states.get(key, newState), time.nanoTime() - origin, cost);
        Waiting.report(listener, key, decision);
        return decision;
    }

    @Override
    public Decision acquire(K key, long cost, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        plan.checkCost(cost);
        return Waiting.acquire(time, maxWait, () -> tryAcquire(key, cost));
    }

    @Override
    public List<Limit> limits() {
        return plan.limits();
    }

    /** Keys currently holding state, after pending evictions are processed; for tests and metrics. */
    public long estimatedKeys() {
        states.cleanUp();
        return states.estimatedSize();
    }

    @Override
    public String toString() {
        return "KeyedRateLimiter[" + plan.limits() + "]";
    }
}
