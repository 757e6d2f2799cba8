package dev.groundwork.ratelimit.internal;

import dev.groundwork.ratelimit.Algorithm;
import dev.groundwork.ratelimit.Limit;

/**
 * One limit's algorithm over its cells in a {@link KeyState}. Times are nanoseconds since the limiter's origin
 * (never negative). Every method is thread-safe; {@link #tryConsume} either takes {@code cost} units or changes
 * nothing that matters, and {@link #refund} gives back units taken by a {@code tryConsume} with the same
 * {@code now} when another limit of the same key refused.
 */
abstract class LimitCell {

    /**
     * Written to a state's first cell by the keyed limiter's sweeper when it removes a full state: a request that
     * finds it looks the key up again instead of deciding on a state that is no longer in the map. No real cell
     * value is ever this small (TATs and window indexes start at zero and only grow, refunds stay above −2^62).
     */
    static final long RETIRED = Long.MIN_VALUE;

    final Limit limit;
    final int offset;

    LimitCell(Limit limit, int offset) {
        this.limit = limit;
        this.offset = offset;
    }

    static LimitCell of(Limit limit, int offset) {
        return switch (limit.algorithm()) {
            case GCRA -> new Gcra(limit, offset);
            case FIXED_WINDOW -> new FixedWindow(limit, offset);
            case SLIDING_WINDOW -> new SlidingWindow(limit, offset);
        };
    }

    static int cellsOf(Algorithm algorithm) {
        return algorithm == Algorithm.SLIDING_WINDOW ? 3 : 1;
    }

    /** Takes the units, or returns false; a retired state (see {@link #RETIRED}) refuses without change. */
    abstract boolean tryConsume(KeyState state, long now, long cost);

    /** Whether the cells equal a fresh state's from now on: no units taken that have not refilled. */
    abstract boolean isFull(KeyState state, long now);

    /** Whether the first cell holds {@link #RETIRED}; only the first cell of a state is ever retired. */
    final boolean retired(KeyState state) {
        return offset == 0 && state.getVolatile(0) == RETIRED;
    }

    abstract void refund(KeyState state, long now, long cost);

    /** Units that could be taken at once now. */
    abstract long remaining(KeyState state, long now);

    /** Nanoseconds until full capacity if nothing more is taken. */
    abstract long resetAfter(KeyState state, long now);

    /** Nanoseconds until {@code cost} units could be taken; zero if they could be now. */
    abstract long retryAfter(KeyState state, long now, long cost);

    /**
     * GCRA (ITU-T I.371 / ATM Forum TM 4.1, "virtual scheduling"): the cell holds the theoretical arrival time
     * TAT. A request of cost c at time t is conforming when {@code max(TAT, t) + c·T − t ≤ τ}, with emission
     * interval {@code T = window / quota} and tolerance {@code τ = burst · T}; conforming requests set
     * {@code TAT = max(TAT, t) + c·T}. A TAT at or before {@code t} is a full bucket, so the zero a fresh key
     * starts with is full.
     */
    static final class Gcra extends LimitCell {
        private final long interval;
        private final long tolerance;

        Gcra(Limit limit, int offset) {
            super(limit, offset);
            this.interval = limit.emissionIntervalNanos();
            this.tolerance = interval * limit.burst();
        }

        @Override
        boolean tryConsume(KeyState state, long now, long cost) {
            long increment = cost * interval;
            for (; ; ) {
                long tat = state.getVolatile(offset);
                if (tat == RETIRED) {
                    return false;
                }
                long next = Math.max(tat, now) + increment;
                if (next - now > tolerance) {
                    return false;
                }
                if (state.compareAndSet(offset, tat, next)) {
                    return true;
                }
            }
        }

        @Override
        void refund(KeyState state, long now, long cost) {
            // Under the key's monitor (LimitPlan): subtracting the increment restores max(TAT, now), which admits
            // exactly what the old TAT admitted.
            long increment = cost * interval;
            for (; ; ) {
                long tat = state.getVolatile(offset);
                if (state.compareAndSet(offset, tat, tat - increment)) {
                    return;
                }
            }
        }

        @Override
        boolean isFull(KeyState state, long now) {
            long tat = state.getVolatile(offset);
            return tat != RETIRED && tat <= now;
        }

        @Override
        long remaining(KeyState state, long now) {
            long debt = Math.max(state.getVolatile(offset), now) - now;
            return Math.max(0, (tolerance - debt) / interval);
        }

        @Override
        long resetAfter(KeyState state, long now) {
            return Math.max(state.getVolatile(offset), now) - now;
        }

        @Override
        long retryAfter(KeyState state, long now, long cost) {
            long tat = Math.max(state.getVolatile(offset), now);
            return Math.max(0, tat + cost * interval - tolerance - now);
        }
    }

    /**
     * Aligned fixed windows: the cell packs {@code windowIndex · (quota + 1) + count}, so one compare-and-set moves
     * both. {@link Limit}'s validation (at most one unit per nanosecond) keeps the packed value below
     * {@code 2^63} for a century of uptime.
     */
    static final class FixedWindow extends LimitCell {
        private final long window;
        private final long quota;
        private final long radix;

        FixedWindow(Limit limit, int offset) {
            super(limit, offset);
            this.window = limit.window().toNanos();
            this.quota = limit.quota();
            this.radix = quota + 1;
        }

        @Override
        boolean tryConsume(KeyState state, long now, long cost) {
            long index = now / window;
            for (; ; ) {
                long packed = state.getVolatile(offset);
                if (packed == RETIRED) {
                    return false;
                }
                long stored = packed / radix;
                long current = Math.max(index, stored);
                long count = stored == current ? packed % radix : 0;
                if (count + cost > quota) {
                    return false;
                }
                if (state.compareAndSet(offset, packed, current * radix + count + cost)) {
                    return true;
                }
            }
        }

        @Override
        void refund(KeyState state, long now, long cost) {
            long index = now / window;
            for (; ; ) {
                long packed = state.getVolatile(offset);
                if (packed / radix != index || packed % radix < cost) {
                    return; // the window has turned: its count no longer matters
                }
                if (state.compareAndSet(offset, packed, packed - cost)) {
                    return;
                }
            }
        }

        @Override
        boolean isFull(KeyState state, long now) {
            long packed = state.getVolatile(offset);
            return packed != RETIRED && (packed / radix < now / window || packed % radix == 0);
        }

        private long count(KeyState state, long now) {
            long packed = state.getVolatile(offset);
            return packed / radix >= now / window ? packed % radix : 0;
        }

        @Override
        long remaining(KeyState state, long now) {
            return quota - count(state, now);
        }

        @Override
        long resetAfter(KeyState state, long now) {
            return count(state, now) == 0 ? 0 : windowEnd(state, now) - now;
        }

        @Override
        long retryAfter(KeyState state, long now, long cost) {
            return count(state, now) + cost <= quota ? 0 : windowEnd(state, now) - now;
        }

        private long windowEnd(KeyState state, long now) {
            long index = Math.max(now / window, state.getVolatile(offset) / radix);
            return (index + 1) * window;
        }
    }

    /**
     * The sliding-window counter (as popularised by Cloudflare): with the current window's count {@code cur}, the
     * previous window's {@code prev} and {@code e} nanoseconds elapsed in the current window, the estimate is
     * {@code ceil(prev · (W − e) / W) + cur}; a request is admitted when estimate + cost ≤ quota. Rounding up
     * means it never admits more than the weighted estimate. Cells: window index, current count, previous count,
     * guarded by the key's monitor.
     */
    static final class SlidingWindow extends LimitCell {
        private final long window;
        private final long quota;

        SlidingWindow(Limit limit, int offset) {
            super(limit, offset);
            this.window = limit.window().toNanos();
            this.quota = limit.quota();
        }

        /** Moves the cells to the window containing {@code now}; returns that window's index. Holds the lock. */
        private long roll(KeyState state, long now) {
            long index = now / window;
            long stored = state.plain(offset);
            if (index > stored) {
                long previous = index == stored + 1 ? state.plain(offset + 1) : 0;
                state.setPlain(offset, index);
                state.setPlain(offset + 1, 0);
                state.setPlain(offset + 2, previous);
                return index;
            }
            return stored;
        }

        private long estimate(KeyState state, long index, long now) {
            long elapsed = Math.max(0, now - index * window);
            long previous = Arithmetic.mulDivCeil(state.plain(offset + 2), window - elapsed, window);
            return previous + state.plain(offset + 1);
        }

        @Override
        boolean isFull(KeyState state, long now) {
            synchronized (state) {
                if (state.plain(offset) == RETIRED) {
                    return false;
                }
                roll(state, now);
                return state.plain(offset + 1) == 0 && state.plain(offset + 2) == 0;
            }
        }

        @Override
        boolean tryConsume(KeyState state, long now, long cost) {
            synchronized (state) {
                if (state.plain(offset) == RETIRED) {
                    return false;
                }
                long index = roll(state, now);
                if (estimate(state, index, now) + cost > quota) {
                    return false;
                }
                state.setPlain(offset + 1, state.plain(offset + 1) + cost);
                return true;
            }
        }

        @Override
        void refund(KeyState state, long now, long cost) {
            synchronized (state) {
                if (state.plain(offset) == now / window && state.plain(offset + 1) >= cost) {
                    state.setPlain(offset + 1, state.plain(offset + 1) - cost);
                }
            }
        }

        @Override
        long remaining(KeyState state, long now) {
            synchronized (state) {
                if (state.plain(offset) == RETIRED) {
                    return quota;
                }
                long index = roll(state, now);
                return Math.max(0, quota - estimate(state, index, now));
            }
        }

        @Override
        long resetAfter(KeyState state, long now) {
            synchronized (state) {
                if (state.plain(offset) == RETIRED) {
                    return 0;
                }
                long index = roll(state, now);
                if (state.plain(offset + 1) > 0) {
                    return (index + 2) * window - now;
                }
                return state.plain(offset + 2) > 0 ? (index + 1) * window - now : 0;
            }
        }

        @Override
        long retryAfter(KeyState state, long now, long cost) {
            synchronized (state) {
                if (state.plain(offset) == RETIRED) {
                    return 0;
                }
                long index = roll(state, now);
                long current = state.plain(offset + 1);
                long previous = state.plain(offset + 2);
                long start = index * window;
                // Later in this window: need ceil(prev·(W−e)/W) ≤ room, i.e. prev·(W−e) ≤ room·W.
                long room = quota - current - cost;
                if (room >= 0) {
                    long at = previous == 0 ? 0 : window - Arithmetic.mulDivFloor(room, window, previous);
                    if (at < window) {
                        return Math.max(0, start + Math.max(0, at) - now);
                    }
                }
                // In the next window the current count becomes the previous one.
                long nextRoom = quota - cost;
                long at = current == 0 ? 0 : Math.max(0, window - Arithmetic.mulDivFloor(nextRoom, window, current));
                return start + window + at - now;
            }
        }
    }
}
