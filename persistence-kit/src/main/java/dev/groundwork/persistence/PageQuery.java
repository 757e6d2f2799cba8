package dev.groundwork.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to list: the entity, its filters, and to-one associations to fetch with it. Each filter carries a
 * <em>filter key</em>, a text that identifies it with its arguments (for example {@code "status=PAID"} or
 * {@code "tenant=42"}); the keys are bound into every cursor, so a cursor from one filter is refused under
 * another. Immutable and thread-safe; the {@code where}/{@code fetch}/{@code hint} methods return new queries.
 *
 * <pre>{@code
 * PageQuery<Order> query = PageQuery.of(Order.class)
 *         .where("status=" + status, (root, q, cb) -> cb.equal(root.get("status"), status))
 *         .fetch("customer");
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class PageQuery<T> {
    record Where<T>(String key, Filter<T> filter) {}

    private final Class<T> entity;
    private final List<Where<T>> filters;
    private final List<String> fetches;
    private final Map<String, Object> hints;
    private final boolean distinct;

    private PageQuery(
            Class<T> entity,
            List<Where<T>> filters,
            List<String> fetches,
            Map<String, Object> hints,
            boolean distinct) {
        this.entity = entity;
        this.filters = List.copyOf(filters);
        this.fetches = List.copyOf(fetches);
        this.hints = Map.copyOf(hints);
        this.distinct = distinct;
    }

    /**
     * Lists every row of an entity.
     *
     * @param entity the entity class
     * @param <T> the entity type
     * @return the query
     */
    public static <T> PageQuery<T> of(Class<T> entity) {
        return new PageQuery<>(Objects.requireNonNull(entity, "entity"), List.of(), List.of(), Map.of(), false);
    }

    /**
     * Adds a restriction, ANDed with the others.
     *
     * @param filterKey identifies the restriction and its arguments; bound into cursors
     * @param filter the restriction
     * @return a new query
     */
    public PageQuery<T> where(String filterKey, Filter<T> filter) {
        Objects.requireNonNull(filterKey, "filterKey");
        Objects.requireNonNull(filter, "filter");
        List<Where<T>> next = new ArrayList<>(filters);
        next.add(new Where<>(filterKey, filter));
        return new PageQuery<>(entity, next, fetches, hints, distinct);
    }

    /**
     * Fetches a to-one association with each row (a left join fetch). Collections are refused when the
     * paginator runs the query: a collection fetch with a row limit makes JPA providers page in memory.
     *
     * @param attribute the association attribute name
     * @return a new query
     */
    public PageQuery<T> fetch(String attribute) {
        Objects.requireNonNull(attribute, "attribute");
        List<String> next = new ArrayList<>(fetches);
        next.add(attribute);
        return new PageQuery<>(entity, filters, next, hints, distinct);
    }

    /**
     * Sets a query hint on the data query (not on the count query), for example a fetch graph or a timeout.
     *
     * @param name the hint name
     * @param value its value
     * @return a new query
     */
    public PageQuery<T> hint(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(hints);
        next.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new PageQuery<>(entity, filters, fetches, next, distinct);
    }

    /**
     * Selects distinct rows, for filters that join to collections; the count becomes a distinct count.
     *
     * @return a new query
     */
    public PageQuery<T> distinct() {
        return new PageQuery<>(entity, filters, fetches, hints, true);
    }

    /**
     * Returns the entity class.
     *
     * @return the entity class
     */
    public Class<T> entity() {
        return entity;
    }

    /**
     * Returns the filter keys, in order, joined by {@code " & "}: the text bound into cursors.
     *
     * @return the combined filter key, empty when unfiltered
     */
    public String filterKey() {
        StringBuilder sb = new StringBuilder();
        for (Where<T> w : filters) {
            if (sb.length() > 0) {
                sb.append(" & ");
            }
            sb.append(w.key().replace("&", "&&"));
        }
        return sb.toString();
    }

    List<Where<T>> filters() {
        return filters;
    }

    List<String> fetches() {
        return fetches;
    }

    Map<String, Object> hints() {
        return hints;
    }

    boolean isDistinct() {
        return distinct;
    }
}
