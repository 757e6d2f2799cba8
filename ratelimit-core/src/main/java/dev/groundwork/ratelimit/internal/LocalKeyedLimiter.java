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
import org.jspecify.annotations.Nullable;

/**
 * The in-process keyed limiter: one {@link KeyState} per key in a {@link ConcurrentHashMap}, so deciding for a
 * known key is one hash lookup and one compare-and-set, with no lock and no allocation.
 *
 * <p>Memory is bounded by a sweeper that runs on the deciding threads, a few entries each time a new key is
 * added: it removes states that are full again (indistinguishable from fresh ones) by first marking them retired
 * with a compare-and-set, so a request racing with the removal sees the mark and looks the key up again instead of
 * taking units from a state that has left the map. Removing a full state therefore loses nothing. When the map
 * holds {@code maxKeys} states and none of the next few dozen in the sweep's order is full, the next one is removed
 * even though it is not full, and counted in {@link #forcedEvictions()}.
 *
 * <p>A cache such as Caffeine cannot do this losslessly: it learns of an entry's use only through its own reads
 * and writes, while a limiter state changes in place; expiring after access works but its bookkeeping cost about
 * two thirds of each decision at 100 000 keys (measured in {@code KeyedRateLimitBenchmark}).
 */
public final class LocalKeyedLimiter<K> implements KeyedRateLimiter<K> {

    /** Entries the sweeper inspects per new key: enough to keep up with churn, small enough to stay cheap. */
    private static final int SWEEP_PER_INSERT = 4;
    /** Extra entries inspected for a full one when the map is at its bound, before evicting one that is not. */
    private static final int OVERFLOW_SCAN = 64;

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
            return plan.report(listener, key, cost, outcome);
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
     * Inspects up to {@code budget} entries, removing the full ones; at the bound, up to {@link #OVERFLOW_SCAN}
     * more, and if the map is still full, removes the next entries in sweep order even though they are not full.
     * Skips when another thread is sweeping: the sweep is housekeeping, never a reason to wait.
     */
    private void sweep(int budget) {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            long now = time.nanoTime() - origin;
            int limit = states.size() >= maxKeys ? budget + OVERFLOW_SCAN : budget;
            for (int inspected = 0; inspected < limit; inspected++) {
                Map.Entry<K, KeyState> entry = nextEntry();
                if (entry == null) {
                    break;
                }
                if (plan.tryRetire(entry.getValue(), now)) {
                    states.remove(entry.getKey(), entry.getValue());
                }
            }
            while (states.size() >= maxKeys) {
                Map.Entry<K, KeyState> entry = nextEntry();
                if (entry == null) {
                    break;
                }
                // No full state close at hand: this one starts over, losing what it had taken.
                forceRetire(entry.getValue());
                if (states.remove(entry.getKey(), entry.getValue())) {
                    forced.incrementAndGet();
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    /** The next entry in sweep order, starting over at the end; null when the map is empty. Holds the lock. */
    private Map.@Nullable Entry<K, KeyState> nextEntry() {
        if (!cursor.hasNext()) {
            cursor = states.entrySet().iterator();
            if (!cursor.hasNext()) {
                return null;
            }
        }
        return cursor.next();
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
