package dev.groundwork.ratelimit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The mutable state of one key: a few {@code long} cells, laid out by {@link LimitPlan}. GCRA and fixed-window
 * cells are updated lock-free with compare-and-set; sliding-window cells are read and written while holding this
 * object's monitor, which no other key shares.
 */
public final class KeyState {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] cells;

    KeyState(int size) {
        this.cells = new long[size];
    }

    long getVolatile(int index) {
        return (long) CELLS.getVolatile(cells, index);
    }

    boolean compareAndSet(int index, long expected, long update) {
        return CELLS.compareAndSet(cells, index, expected, update);
    }

    /** Plain read; only while holding this object's monitor. */
    long plain(int index) {
        return cells[index];
    }

    /** Plain write; only while holding this object's monitor. */
    void setPlain(int index, long value) {
        cells[index] = value;
    }
}
