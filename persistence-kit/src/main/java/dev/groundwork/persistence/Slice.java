package dev.groundwork.persistence;

import java.util.List;
import java.util.function.Function;

/**
 * A page by number without a count: one row more than the page is read to tell whether another follows.
 * Immutable if the items are.
 *
 * @param items the rows of this page
 * @param number the 1-based page number
 * @param size the requested page size
 * @param hasNext whether a next page exists
 * @param <T> the item type
 */
public record Slice<T>(List<T> items, int number, int size, boolean hasNext) {
    /**
     * Copies the items and checks the rest.
     *
     * @param items the rows of this page
     * @param number the 1-based page number
     * @param size the requested page size
     * @param hasNext whether a next page exists
     */
    public Slice {
        items = List.copyOf(items);
        if (number < 1 || size < 1) {
            throw new IllegalArgumentException("page number " + number + " and size " + size + " must be at least 1");
        }
    }

    /**
     * Tells whether this is not the first page.
     *
     * @return {@code true} after page 1
     */
    public boolean hasPrevious() {
        return number > 1;
    }

    /**
     * Maps the items, keeping everything else.
     *
     * @param mapper applied to each item
     * @param <R> the new item type
     * @return the mapped slice
     */
    public <R> Slice<R> map(Function<? super T, ? extends R> mapper) {
        return new Slice<>(items.stream().<R>map(mapper).toList(), number, size, hasNext);
    }
}
