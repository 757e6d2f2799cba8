package dev.groundwork.ratelimit.internal;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.RateLimitListener;
import dev.groundwork.ratelimit.TimeSource;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-process keyed limiter: one {@link KeyState} per key in a {@link ConcurrentHashMap}, so deciding for a
 * known key is one hash lookup and one compare-and-set, with no lock and no allocation.
 *
 * <p>Memory is bounded by a sweeper that runs on the deciding threads, a few entries each time a new key is
 * added: it removes states that are full again (indistinguishable from fresh ones) by first marking them retired
 * with a compare-and-set, so a request racing with the removal sees the mark and looks the key up again instead of
 * taking units from a state that has left the map. Removing a full state therefore loses nothing. When the map
 * holds {@code maxKeys} states and none of those swept is full, the oldest in the sweep's order are removed even
 * though not full, and counted in {@link #forcedEvictions()}.
 *
 * <p>A cache such as Caffeine cannot do this losslessly: it learns of an entry's use only through its own reads
 * and writes, while a limiter state changes in place; expiring after access works but its bookkeeping cost about
 * two thirds of each decision at 100 000 keys (measured in {@code KeyedRateLimitBenchmark}).
 */
public final class LocalKeyedLimiter<K> implements KeyedRateLimiter<K> {

    /** Entries the sweeper inspects per new key: enough to keep up with churn, small enough to stay cheap. */
    private static final int SWEEP_PER_INSERT = 4;

    private final LimitPlan plan;
    private final TimeSource time;
    private final long origin;
    private final RateLimitListener listener;
    private final long maxKeys;
    private final ConcurrentHashMap<K, KeyState> states = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final AtomicLong forced = new AtomicLong();
    private Iterator<Map.Entry<K, KeyState>> cursor;

    public LocalKeyedLimiter(LimitPlan plan, TimeSource time, RateLimitListener listener, long maxKeys) {
        this.plan = plan;
        this.time = time;
        this.origin = time.nanoTime();
        this.listener = listener;
        this.maxKeys = maxKeys;
        this.cursor = states.entrySet().iterator();
    }

    @Override
    public boolean tryConsume(K key, long cost) {
        Objects.requireNonNull(key, "key");
        plan.checkCost(cost);
        for (; ; ) {
            KeyState state = stateOf(key);
            int outcome = plan.tryConsume(state, time.nanoTime() - origin, cost);
            if (outcome == LimitPlan.RETIRED) {
                states.remove(key, state);
                continue;
            }
            if (outcome < 0) {
                listener.onAllowed(key, cost);
                return true;
            }
            listener.onRefused(key, cost, plan.limit(outcome));
            return false;
        }
    }

    @Override
    public Decision tryAcquire(K key, long cost) {
        Objects.requireNonNull(key, "key");
        plan.checkCost(cost);
        for (; ; ) {
            KeyState state = stateOf(key);
            Decision decision = plan.decide(state, time.nanoTime() - origin, cost);
            if (decision == null) {
                states.remove(key, state);
                continue;
            }
            Waiting.report(listener, key, decision);
            return decision;
        }
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

    private KeyState stateOf(K key) {
        KeyState state = states.get(key);
        if (state != null) {
            return state;
        }
        // Sweep before adding, so the sweep never meets the new state before its first decision: a fresh state
        // is full, and removing it would send the caller round again.
        sweep(SWEEP_PER_INSERT);
        KeyState fresh = plan.newState();
        KeyState raced = states.putIfAbsent(key, fresh);
        return raced != null ? raced : fresh;
    }

    /**
     * Inspects up to {@code budget} entries (more while the map is over its bound), removing the full ones. Skips
     * when another thread is sweeping: the sweep is housekeeping, never a reason to wait.
     */
    private void sweep(int budget) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            long now = time.nanoTime() - origin;
            int inspected = 0;
            int wraps = 0;
            while (inspected < budget || states.size() >= maxKeys) {
                if (!cursor.hasNext()) {
                    if (++wraps > 2 || states.isEmpty()) {
                        break;
                    }
                    cursor = states.entrySet().iterator();
                    continue;
                }
                Map.Entry<K, KeyState> entry = cursor.next();
                inspected++;
                KeyState state = entry.getValue();
                if (plan.tryRetire(state, now)) {
                    states.remove(entry.getKey(), state);
                } else if (states.size() >= maxKeys && wraps > 0) {
                    // A whole pass found too few full states: evict in sweep order, losing what they had taken.
                    forceRetire(state);
                    states.remove(entry.getKey(), state);
                    forced.incrementAndGet();
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    private static void forceRetire(KeyState state) {
        synchronized (state) {
            for (; ; ) {
                long value = state.getVolatile(0);
                if (value == LimitCell.RETIRED || state.compareAndSet(0, value, LimitCell.RETIRED)) {
                    return;
                }
            }
        }
    }

    /**
     * Removes every state that is full again and returns how many keys hold state; for tests and metrics.
     *
     * @return the number of keys with state after the sweep
     */
    public long estimatedKeys() {
        sweeping.lock();
        try {
            long now = time.nanoTime() - origin;
            states.forEach((key, state) -> {
                if (plan.tryRetire(state, now)) {
                    states.remove(key, state);
                }
            });
            cursor = states.entrySet().iterator();
            return states.size();
        } finally {
            sweeping.unlock();
        }
    }

    /**
     * States removed before they were full because more than {@code maxKeys} keys were active at once.
     *
     * @return the count since creation
     */
    public long forcedEvictions() {
        return forced.get();
    }

    @Override
    public String toString() {
        return "KeyedRateLimiter[" + plan.limits() + "]";
    }
}
