package dev.groundwork.benchmarks;

import java.util.SplittableRandom;

/**
 * A precomputed random sequence of key indexes, walked round and round, so choosing the next key costs one array
 * read and no random-number generation inside the measured method. One per benchmark thread.
 */
final class KeyWalk {

    private final int[] order;
    private int next;

    /**
     * @param keys indexes are drawn from {@code [0, keys)}
     * @param length a power of two
     */
    KeyWalk(int keys, int length) {
        order = new int[length];
        SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
        for (int i = 0; i < length; i++) {
            order[i] = random.nextInt(keys);
        }
    }

    int nextIndex() {
        return order[next++ & (order.length - 1)];
    }
}
