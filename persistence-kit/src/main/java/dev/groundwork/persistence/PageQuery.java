package dev.groundwork.persistence;

import dev.groundwork.persistence.internal.CriteriaListing;
import dev.groundwork.persistence.internal.JpqlListing;
import dev.groundwork.persistence.internal.ListingQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to list: the entity, its restriction, and to-one associations to fetch with it. Immutable and
 * thread-safe; every method returns a new query.
 *
 * <p>Two ways to restrict, not mixed in one query:
 *
 * <ul>
 *   <li><b>Criteria</b> ({@link #of}, {@link #where}): each filter carries a <em>filter key</em>, a text that
 *       identifies it with its arguments ({@code "status=PAID"}, {@code "tenant=42"}). The keys are bound into
 *       every cursor, so a cursor from one filter is refused under another.
 *   <li><b>JPQL</b> ({@link #jpql}, {@link #parameter}): a {@code WHERE} fragment over an alias, with named
 *       parameters. The fragment and the parameter values (by {@code toString}) are bound into cursors
 *       automatically. Only a JPQL query can use {@link SeekShape#ROW_VALUE}.
 * </ul>
 *
 * <pre>{@code
 * PageQuery<Note> byCriteria = PageQuery.of(Note.class)
 *         .where("text=" + text, (root, q, cb) -> cb.equal(root.get("text"), text))
 *         .fetch("author");
 * PageQuery<Note> byJpql = PageQuery.jpql(Note.class, "n", "n.text = :text and n.id > :min")
 *         .parameter("text", text)
 *         .parameter("min", min);
 * }</pre>
 *
 * @param <T> the entity type
 */
public final class PageQuery<T> {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    record Where<T>(String key, Filter<T> filter) {}

    /** A JPQL restriction: alias, fragment, parameters, optional explicit key. */
    record Jpql(
            String alias,
            String where,
            Map<String, Object> parameters,
            @Nullable String key) {}

    private final Class<T> entity;
    private final List<Where<T>> filters;
    private final @Nullable Jpql jpql;
    private final List<String> fetches;
    private final Map<String, Object> hints;
    private final boolean distinct;

    private PageQuery(
            Class<T> entity,
            List<Where<T>> filters,
            @Nullable Jpql jpql,
            List<String> fetches,
            Map<String, Object> hints,
            boolean distinct) {
        this.entity = entity;
        this.filters = List.copyOf(filters);
        this.jpql = jpql;
        this.fetches = List.copyOf(fetches);
        this.hints = Map.copyOf(hints);
        this.distinct = distinct;
    }

    /**
     * Lists every row of an entity; restrict it with {@link #where}.
     *
     * @param entity the entity class
     * @param <T> the entity type
     * @return the query
     */
    public static <T> PageQuery<T> of(Class<T> entity) {
        return new PageQuery<>(Objects.requireNonNull(entity, "entity"), List.of(), null, List.of(), Map.of(), false);
    }

    /**
     * Lists the rows of an entity that a JPQL condition selects. The fragment is code, not input: bind every
     * request value with {@link #parameter}.
     *
     * @param entity the entity class
     * @param alias the identification variable the fragment uses ({@code o} in {@code o.status = :s})
     * @param where the condition, as it would follow {@code WHERE}; empty for every row
     * @param <T> the entity type
     * @return the query
     */
    public static <T> PageQuery<T> jpql(Class<T> entity, String alias, String where) {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(where, "where");
        if (!IDENTIFIER.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias '" + alias + "' must be a Java identifier");
        }
        return new PageQuery<>(
                entity, List.of(), new Jpql(alias, where.strip(), Map.of(), null), List.of(), Map.of(), false);
    }

    /**
     * Adds a Criteria restriction, ANDed with the others.
     *
     * @param filterKey identifies the restriction and its arguments; bound into cursors
     * @param filter the restriction
     * @return a new query
     * @throws IllegalStateException on a JPQL query
     */
    public PageQuery<T> where(String filterKey, Filter<T> filter) {
        Objects.requireNonNull(filterKey, "filterKey");
        Objects.requireNonNull(filter, "filter");
        if (jpql != null) {
            throw new IllegalStateException("a JPQL query takes its condition in PageQuery.jpql, not where()");
        }
        List<Where<T>> next = new ArrayList<>(filters);
        next.add(new Where<>(filterKey, filter));
        return new PageQuery<>(entity, next, null, fetches, hints, distinct);
    }

    /**
     * Binds a named parameter of the JPQL condition.
     *
     * @param name the name, without the colon; names starting {@code gw_} are reserved
     * @param value the value; its {@code toString} goes into the cursor binding, so use value types
     * @return a new query
     * @throws IllegalStateException on a Criteria query
     */
    public PageQuery<T> parameter(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Jpql j = requireJpql("parameter()");
        if (!IDENTIFIER.matcher(name).matches() || name.startsWith("gw_")) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be an identifier not starting gw_");
        }
        Map<String, Object> next = new TreeMap<>(j.parameters());
        next.put(name, value);
        return new PageQuery<>(
                entity, filters, new Jpql(j.alias(), j.where(), next, j.key()), fetches, hints, distinct);
    }

    /**
     * Replaces the automatic cursor binding of a JPQL query (fragment and parameter values) with a key of your
     * own, for parameter values whose {@code toString} does not identify them.
     *
     * @param filterKey identifies the condition and its arguments
     * @return a new query
     * @throws IllegalStateException on a Criteria query
     */
    public PageQuery<T> filterKey(String filterKey) {
        Objects.requireNonNull(filterKey, "filterKey");
        Jpql j = requireJpql("filterKey()");
        return new PageQuery<>(
                entity, filters, new Jpql(j.alias(), j.where(), j.parameters(), filterKey), fetches, hints, distinct);
    }

    private Jpql requireJpql(String method) {
        if (jpql == null) {
            throw new IllegalStateException(method + " applies to PageQuery.jpql queries; use where(key, filter)");
        }
        return jpql;
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
        if (!IDENTIFIER.matcher(attribute).matches()) {
            throw new IllegalArgumentException("fetch attribute '" + attribute + "' must be an attribute name");
        }
        List<String> next = new ArrayList<>(fetches);
        next.add(attribute);
        return new PageQuery<>(entity, filters, jpql, next, hints, distinct);
    }

    /**
     * Sets a query hint on the data query (not on the count query), for example a timeout.
     *
     * @param name the hint name
     * @param value its value
     * @return a new query
     */
    public PageQuery<T> hint(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(hints);
        next.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new PageQuery<>(entity, filters, jpql, fetches, next, distinct);
    }

    /**
     * Selects distinct rows, for conditions that join to collections; the count becomes a distinct count.
     *
     * @return a new query
     */
    public PageQuery<T> distinct() {
        return new PageQuery<>(entity, filters, jpql, fetches, hints, true);
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
     * Returns the text bound into cursors: the Criteria filter keys joined by {@code " & "}, or for a JPQL
     * query its fragment and parameters (or its explicit key).
     *
     * @return the combined filter key, empty when unrestricted
     */
    public String filterKey() {
        if (jpql != null) {
            if (jpql.key() != null) {
                return "key:" + jpql.key();
            }
            StringBuilder sb =
                    new StringBuilder("jpql:").append(jpql.alias()).append(':').append(jpql.where());
            jpql.parameters()
                    .forEach((n, v) -> sb.append(" | ").append(n).append('=').append(v));
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (Where<T> w : filters) {
            if (sb.length() > 0) {
                sb.append(" & ");
            }
            sb.append(w.key().replace("&", "&&"));
        }
        return sb.toString();
    }

    /**
     * The statements of this query in its dialect: the one place the dialect is chosen.
     *
     * @param entityName the entity's name in the query language
     */
    ListingQuery<T> listing(String entityName) {
        Jpql condition = jpql;
        if (condition != null) {
            return new JpqlListing<>(
                    entity,
                    entityName,
                    condition.alias(),
                    condition.where(),
                    condition.parameters(),
                    fetches,
                    hints,
                    distinct);
        }
        List<CriteriaListing.Restriction<T>> restrictions = new ArrayList<>(filters.size());
        for (Where<T> w : filters) {
            restrictions.add(new CriteriaListing.Restriction<>(
                    w.key(), c -> w.filter().toPredicate(c.root(), c.query(), c.cb())));
        }
        return new CriteriaListing<>(entity, restrictions, fetches, hints, distinct);
    }

    List<String> fetches() {
        return fetches;
    }
}
