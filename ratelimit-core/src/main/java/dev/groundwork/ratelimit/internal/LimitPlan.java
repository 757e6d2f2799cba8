package dev.groundwork.ratelimit.internal;

import dev.groundwork.ratelimit.Algorithm;
import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.LimitStatus;
import dev.groundwork.ratelimit.RateLimitListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one limiter, applied all-or-nothing to a {@link KeyState}. A single limit is decided lock-free
 * (one compare-and-set loop). Several limits are decided under the key's own monitor: each is tried in order
 * and, when one refuses, the units already taken from the earlier ones are given back, so a refused request
 * consumes nothing. The monitor is what makes the give-back exact: without it, another request could move a
 * GCRA cell past the clamp {@code max(TAT, now)} between the take and the give-back, and subtracting the units
 * would then erase that request's own units (measured: the concurrency safety test caught it). Immutable and
 * thread-safe.
 */
public final class LimitPlan {

    private final List<Limit> limits;
    private final LimitCell[] cells;
    private final int size;
    private final long maxCost;
    private final long idleNanos;

    private LimitPlan(List<Limit> limits) {
        this.limits = List.copyOf(limits);
        this.cells = new LimitCell[limits.size()];
        int offset = 0;
        long capacity = Long.MAX_VALUE;
        long idle = 0;
        for (int i = 0; i < cells.length; i++) {
            Limit limit = limits.get(i);
            cells[i] = LimitCell.of(limit, offset);
            offset += LimitCell.cellsOf(limit.algorithm());
            capacity = Math.min(capacity, limit.capacity());
            idle = Math.max(idle, limit.timeToFullNanos());
        }
        this.size = offset;
        this.maxCost = capacity;
        this.idleNanos = idle;
    }

    /**
     * A plan for the given limits.
     *
     * @param limits at least one, with distinct names
     * @return the plan
     * @throws IllegalArgumentException if there is no limit or two share a name
     */
    public static LimitPlan of(List<Limit> limits) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a rate limiter needs at least one limit");
        }
        Set<String> names = new HashSet<>();
        for (Limit limit : limits) {
            if (!names.add(limit.name())) {
                throw new IllegalArgumentException(
                        "two limits are named '" + limit.name() + "'; give each a distinct name with Limit.named(...)");
            }
        }
        return new LimitPlan(limits);
    }

    /** @return the limits, in order */
    public List<Limit> limits() {
        return limits;
    }

    /** @return a fresh state: every limit at full capacity */
    public KeyState newState() {
        return new KeyState(size);
    }

    /** @return nanoseconds after which any untouched state is full again, so evicting it loses nothing */
    public long idleNanos() {
        return idleNanos;
    }

    /**
     * Checks a cost against the smallest capacity.
     *
     * @param cost the units asked for
     * @throws IllegalArgumentException if below 1 or above what some limit could ever admit
     */
    public void checkCost(long cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, got " + cost);
        }
        if (cost > maxCost) {
            for (Limit limit : limits) {
                if (cost > limit.capacity()) {
                    throw new IllegalArgumentException("cost " + cost + " exceeds the capacity " + limit.capacity()
                            + " of limit '" + limit.name() + "'; it could never be admitted");
                }
            }
        }
    }

    /** {@link #tryConsume} result for a state the keyed limiter's sweeper removed: look the key up again. */
    public static final int RETIRED = -2;

    /**
     * Takes {@code cost} from every limit or from none.
     *
     * @return -1 when admitted, {@link #RETIRED} when the state was retired, otherwise the index of the limit
     *     that refused
     */
    public int tryConsume(KeyState state, long now, long cost) {
        LimitCell[] cells = this.cells;
        if (cells.length == 1) {
            LimitCell cell = cells[0];
            return cell.tryConsume(state, now, cost) ? -1 : cell.retired(state) ? RETIRED : 0;
        }
        synchronized (state) {
            if (state.plain(0) == LimitCell.RETIRED) {
                return RETIRED;
            }
            return tryConsumeAll(cells, state, now, cost);
        }
    }

    /**
     * Marks a state retired if every limit is full at {@code now}, so it can leave the map without losing
     * anything: a request holding it will see the mark and look the key up again.
     *
     * @return whether the state is now retired
     */
    public boolean tryRetire(KeyState state, long now) {
        LimitCell first = cells[0];
        if (cells.length == 1 && first.limit.algorithm() != Algorithm.SLIDING_WINDOW) {
            // Cell values only grow, so a compare-and-set from the value judged full cannot succeed after a take.
            long value = state.getVolatile(0);
            if (value == LimitCell.RETIRED) {
                return true;
            }
            return first.isFull(state, now) && state.compareAndSet(0, value, LimitCell.RETIRED);
        }
        synchronized (state) {
            for (LimitCell cell : cells) {
                if (!cell.isFull(state, now)) {
                    return state.plain(0) == LimitCell.RETIRED;
                }
            }
            state.setPlain(0, LimitCell.RETIRED);
            return true;
        }
    }

    private static int tryConsumeAll(LimitCell[] cells, KeyState state, long now, long cost) {
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].tryConsume(state, now, cost)) {
                for (int j = 0; j < i; j++) {
                    cells[j].refund(state, now, cost);
                }
                return i;
            }
        }
        return -1;
    }

    /**
     * Tells the listener about a {@link #tryConsume} outcome other than {@link #RETIRED}.
     *
     * @return whether the request was admitted
     */
    public boolean report(RateLimitListener listener, Object key, long cost, int outcome) {
        if (outcome < 0) {
            listener.onAllowed(key, cost);
            return true;
        }
        listener.onRefused(key, cost, limits.get(outcome));
        return false;
    }

    /**
     * Takes {@code cost} from every limit or from none and describes the outcome.
     *
     * @return the decision, or null when the state was retired
     */
    public @Nullable Decision decide(KeyState state, long now, long cost) {
        int outcome = tryConsume(state, now, cost);
        if (outcome == RETIRED) {
            return null;
        }
        boolean allowed = outcome < 0;
        List<LimitStatus> statuses = new ArrayList<>(cells.length);
        long wait = 0;
        for (LimitCell cell : cells) {
            long retry = allowed ? 0 : cell.retryAfter(state, now, cost);
            wait = Math.max(wait, retry);
            statuses.add(new LimitStatus(
                    cell.limit,
                    cell.remaining(state, now),
                    Duration.ofNanos(cell.resetAfter(state, now)),
                    Duration.ofNanos(retry)));
        }
        // The statuses are read after the decision: another request may have changed the state since, and a
        // refusal must still carry a positive wait.
        return new Decision(
                allowed, cost, statuses, Duration.ofNanos(allowed ? 0 : Math.max(1, wait)), Decision.Source.LIMITER);
    }
}
