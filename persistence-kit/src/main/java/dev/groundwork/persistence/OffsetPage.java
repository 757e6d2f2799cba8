package dev.groundwork.persistence;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A page by number, with a total as far as the {@link CountMode} counted it. Immutable if the items are.
 *
 * @param items the rows of this page
 * @param number the 1-based page number
 * @param size the requested page size
 * @param hasNext whether a next page exists (known exactly: one row more than the page was read)
 * @param total the total number of rows
 * @param <T> the item type
 */
public record OffsetPage<T>(List<T> items, int number, int size, boolean hasNext, Total total) {
    /**
     * Copies the items and checks the rest.
     *
     * @param items the rows of this page
     * @param number the 1-based page number
     * @param size the requested page size
     * @param hasNext whether a next page exists (known exactly: one row more than the page was read)
     * @param total the total number of rows
     */
    public OffsetPage {
        items = List.copyOf(items);
        Objects.requireNonNull(total, "total");
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
     * Returns the number of pages, when the total is exact.
     *
     * @return the page count, or empty for a bounded or unknown total
     */
    public OptionalLong totalPages() {
        if (total instanceof Total.Exact exact) {
            return OptionalLong.of(Math.max(1, (exact.count() + size - 1) / size));
        }
        return OptionalLong.empty();
    }

    /**
     * Maps the items, keeping everything else.
     *
     * @param mapper applied to each item
     * @param <R> the new item type
     * @return the mapped page
     */
    public <R> OffsetPage<R> map(Function<? super T, ? extends R> mapper) {
        return new OffsetPage<>(items.stream().<R>map(mapper).toList(), number, size, hasNext, total);
    }
}
