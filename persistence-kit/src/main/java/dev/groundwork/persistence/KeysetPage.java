package dev.groundwork.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset listing: the rows, whether more rows lie either side, and the cursors to reach them.
 * Cursors are written on demand, so a page whose cursors are not read costs no signing. Immutable if the items
 * are; thread-safe.
 *
 * <pre>{@code
 * KeysetPage<Event> next = paginator.keyset(em, query, request);
 * next.nextCursor().ifPresent(c -> links.put("next", "/events?cursor=" + c));
 * }</pre>
 *
 * @param <T> the item type
 */
public final class KeysetPage<T> {
    /** Writes the cursor of a position. */
    @FunctionalInterface
    interface CursorWriter {
        String write(boolean before, boolean inclusive, @Nullable Object[] values);
    }

    private final List<T> items;
    private final List<@Nullable Object[]> positions;
    private final boolean hasNext;
    private final boolean hasPrevious;
    private final List<SortKey> sort;
    private final @Nullable Object @Nullable [] origin;
    private final @Nullable Object @Nullable [] lastRow;
    private final @Nullable SeekShape seekShape;
    private final CursorWriter writer;

    KeysetPage(
            List<T> items,
            List<@Nullable Object[]> positions,
            boolean hasNext,
            boolean hasPrevious,
            List<SortKey> sort,
            @Nullable Object @Nullable [] origin,
            @Nullable Object @Nullable [] lastRow,
            @Nullable SeekShape seekShape,
            CursorWriter writer) {
        this.items = List.copyOf(items);
        this.positions = List.copyOf(positions);
        this.hasNext = hasNext;
        this.hasPrevious = hasPrevious;
        this.sort = List.copyOf(sort);
        this.origin = origin;
        this.lastRow = lastRow;
        this.seekShape = seekShape;
        this.writer = writer;
    }

    /**
     * Returns the rows, in the requested order.
     *
     * @return the rows
     */
    public List<T> items() {
        return items;
    }

    /**
     * Tells whether rows follow this page.
     *
     * @return {@code true} if a next page exists
     */
    public boolean hasNext() {
        return hasNext;
    }

    /**
     * Tells whether rows precede this page. Exact when paging backwards; when paging forwards from a cursor it
     * is {@code true} (rows before the cursor were seen), as the Relay specification allows.
     *
     * @return {@code true} if a previous page exists
     */
    public boolean hasPrevious() {
        return hasPrevious;
    }

    /**
     * Tells which seek predicate read this page: the paginator's shape, or {@link SeekShape#BOUNDED_OR} where
     * {@link SeekShape#ROW_VALUE} does not apply (a Criteria query, mixed directions, a nullable key, or a key
     * whose type row values cannot bind safely, such as an enum or a converted attribute).
     *
     * @return the shape, empty for a page read without a position (the first page, or one reached by number)
     */
    public Optional<SeekShape> seekShape() {
        return Optional.ofNullable(seekShape);
    }

    /**
     * Returns the sort the page was read in, with the tie-breaker appended.
     *
     * @return the effective sort
     */
    public List<SortKey> sort() {
        return sort;
    }

    /**
     * Returns the cursor of the page after this one (pass it as {@code cursor}).
     *
     * @return the cursor, empty when no rows follow
     */
    public Optional<String> nextCursor() {
        if (!hasNext) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            return origin == null ? Optional.empty() : Optional.of(writer.write(false, false, origin));
        }
        return Optional.of(writer.write(false, false, positions.get(positions.size() - 1)));
    }

    /**
     * Returns the cursor of the page before this one (pass it as {@code cursor}).
     *
     * @return the cursor, empty when no rows precede
     */
    public Optional<String> previousCursor() {
        if (!hasPrevious) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            if (lastRow != null) {
                // A page number past the end: the previous page is the last one, up to and with the last row.
                return Optional.of(writer.write(true, true, lastRow));
            }
            return origin == null ? Optional.empty() : Optional.of(writer.write(true, false, origin));
        }
        return Optional.of(writer.write(true, false, positions.get(0)));
    }

    /**
     * Returns the cursor of one row (pass it as {@code after} or {@code before}).
     *
     * @param index the row's index in {@link #items()}
     * @return the row's cursor
     */
    public String cursorAt(int index) {
        Objects.checkIndex(index, items.size());
        return writer.write(false, false, positions.get(index));
    }

    /**
     * Maps the items, keeping positions and cursors.
     *
     * @param mapper applied to each item
     * @param <R> the new item type
     * @return the mapped page
     */
    public <R> KeysetPage<R> map(Function<? super T, ? extends R> mapper) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(mapper.apply(item));
        }
        return new KeysetPage<>(mapped, positions, hasNext, hasPrevious, sort, origin, lastRow, seekShape, writer);
    }

    /**
     * Returns the page as a Relay connection: each row with its cursor, and the page info.
     *
     * @return the connection
     */
    public RelayConnection<T> toConnection() {
        List<Edge<T>> edges = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            edges.add(new Edge<>(items.get(i), cursorAt(i)));
        }
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new RelayConnection<>(edges, new PageInfo(hasNext, hasPrevious, start, end));
    }

    @Override
    public String toString() {
        return "KeysetPage[" + items.size() + " items, hasNext=" + hasNext + ", hasPrevious=" + hasPrevious + "]";
    }
}
