package dev.groundwork.apidocs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.groundwork.apidocs.internal.Parameterized;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A page of an offset-paginated list as the response body: the items, where the page starts, the page size asked
 * for, and the total count when the server counted it ({@code null} when it skipped the count, which a large table
 * makes expensive). Pairs with {@link Operation#offsetPagination}; declare it with {@link #of}.
 *
 * <pre>{@code
 * Operation.get("/orders")
 *         .offsetPagination(100)
 *         .response(200, "A page of orders", OffsetPageBody.of(Order.class));
 * }</pre>
 *
 * @param <T> the item type
 * @param items the items of this page, in order
 * @param offset how many items come before this page, 0 or more
 * @param limit the page size asked for, 1 or more
 * @param total how many items there are in all, or null when not counted
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OffsetPageBody<T>(
        List<T> items, long offset, int limit, @Nullable Long total) {

    /**
     * Checks the bounds and copies the items.
     *
     * @param items the items of this page, in order
     * @param offset how many items come before this page, 0 or more
     * @param limit the page size asked for, 1 or more
     * @param total how many items there are in all, or null when not counted
     * @throws IllegalArgumentException for a negative offset or total, or a limit below 1
     * @throws NullPointerException for null items or a null item
     */
    public OffsetPageBody {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (offset < 0 || limit < 1 || (total != null && total < 0)) {
            throw new IllegalArgumentException("offset " + offset + " and total " + total
                    + " must not be negative, limit " + limit + " must be at least 1");
        }
    }

    /**
     * The type {@code OffsetPageBody<item>}, for {@link Operation#response(int, String, Type)}.
     *
     * @param item the item type
     * @return the parameterised type
     */
    public static Type of(Type item) {
        return new Parameterized(OffsetPageBody.class, Objects.requireNonNull(item, "item"));
    }
}
