package dev.groundwork.ratelimit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state of one key: a few {@code long} cells, laid out by {@link LimitPlan}. The first cell is a field
 * of this object and the others live in an array, so the common plan of one GCRA or fixed-window limit costs one
 * small object per key and one memory access per decision. GCRA and fixed-window cells are updated lock-free
 * with compare-and-set; sliding-window cells are read and written while holding this object's monitor, which no
 * other key shares.
 */
public final class KeyState {

    private static final VarHandle FIRST;
    private static final VarHandle REST = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            FIRST = MethodHandles.lookup().findVarHandle(KeyState.class, "first", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through FIRST
    private volatile long first;

    private final long @Nullable [] rest;

    KeyState(int size) {
        this.rest = size > 1 ? new long[size - 1] : null;
    }

    private long[] rest() {
        long[] cells = rest;
        if (cells == null) {
            throw new IndexOutOfBoundsException("this state has one cell");
        }
        return cells;
    }

    long getVolatile(int index) {
        return index == 0 ? (long) FIRST.getVolatile(this) : (long) REST.getVolatile(rest(), index - 1);
    }

    boolean compareAndSet(int index, long expected, long update) {
        return index == 0
                ? FIRST.compareAndSet(this, expected, update)
                : REST.compareAndSet(rest(), index - 1, expected, update);
    }

    /** Plain read; only while holding this object's monitor. */
    long plain(int index) {
        return index == 0 ? (long) FIRST.get(this) : rest()[index - 1];
    }

    /** Plain write; only while holding this object's monitor. */
    void setPlain(int index, long value) {
        if (index == 0) {
            FIRST.set(this, value);
        } else {
            rest()[index - 1] = value;
        }
    }
}
