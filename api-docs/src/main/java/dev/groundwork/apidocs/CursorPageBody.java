package dev.groundwork.apidocs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.groundwork.apidocs.internal.Parameterized;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A page of a cursor-paginated list as the response body: the items, and the opaque cursors of the pages after and
 * before it ({@code null} at either end). Return it from a handler that takes {@link Operation#cursorPagination}'s
 * {@code cursor} and {@code limit}, and declare it with {@link #of}; the document then shows exactly what the
 * mapper writes for it, as {@code CursorPageBodyOfOrder}.
 *
 * <pre>{@code
 * Operation.get("/orders")
 *         .cursorPagination(100)
 *         .response(200, "A page of orders", CursorPageBody.of(Order.class));
 * }</pre>
 *
 * @param <T> the item type
 * @param items the items of this page, in order
 * @param nextCursor where the next page starts, or null on the last page
 * @param previousCursor where the previous page ends, or null on the first page
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CursorPageBody<T>(
        List<T> items,
        @Nullable String nextCursor,
        @Nullable String previousCursor) {

    /**
     * Checks and copies the items.
     *
     * @param items the items of this page, in order
     * @param nextCursor where the next page starts, or null on the last page
     * @param previousCursor where the previous page ends, or null on the first page
     * @throws NullPointerException for null items or a null item
     */
    public CursorPageBody {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * The type {@code CursorPageBody<item>}, for {@link Operation#response(int, String, Type)}.
     *
     * @param item the item type
     * @return the parameterised type
     */
    public static Type of(Type item) {
        return new Parameterized(CursorPageBody.class, Objects.requireNonNull(item, "item"));
    }
}
