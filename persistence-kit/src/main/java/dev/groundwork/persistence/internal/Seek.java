package dev.groundwork.persistence.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds keyset seek predicates with the Criteria API. A position is a tuple of sort-key values; the predicates
 * select the rows strictly after it in the query's order, with nulls placed where the database's natural order
 * puts them.
 *
 * <p>For one key at value {@code v} (ascending; descending swaps {@code >} and {@code <}):
 *
 * <ul>
 *   <li>after: {@code k > v}, plus {@code OR k IS NULL} when nulls come last; for {@code v} null, {@code k IS NOT
 *       NULL} when nulls come first and nothing otherwise.
 *   <li>equal: {@code k = v}, or {@code k IS NULL}.
 * </ul>
 *
 * The seek is {@code after(1) OR (equal(1) AND (after(2) OR (equal(2) AND ...)))}; the bounded shape adds the
 * redundant {@code k >= v} in front of each level whose after-arm has no null branch, which lets a B-tree start
 * the scan at the position. A nullable leading key is split into segments (the rows of the position's own
 * null-ness, then the other block), so that every statement stays sargable.
 */
public final class Seek {
    private Seek() {}

    /**
     * One key of the position, in the query's order.
     *
     * @param descending whether the query sorts this key descending
     * @param nullable whether the column can hold null
     * @param nullsFirst whether nulls come first in the query's order
     * @param value the position's value, null for SQL NULL
     */
    public record Key(
            boolean descending,
            boolean nullable,
            boolean nullsFirst,
            @Nullable Object value) {}

    /** Which rows one statement reads; statements run in order until the page is full. */
    public enum Segment {
        /** Every row: the first page, or a start at an offset. */
        ALL,
        /** The rows after the position, in one predicate. */
        SEEK,
        /** The rows after the position whose leading key is not null. */
        SEEK_LEADING_NOT_NULL,
        /** The rows after the position whose leading key is null (the position's leading value is null). */
        SEEK_LEADING_NULL,
        /** Every row whose leading key is null. */
        LEADING_NULL,
        /** Every row whose leading key is not null. */
        LEADING_NOT_NULL
    }

    /**
     * Plans the statements for a position.
     *
     * @param keys the position, in query order; empty for the first page
     * @param bounded whether to use the bounded shape (and split a nullable leading key)
     * @return the segments to read, in order
     */
    public static List<Segment> plan(List<Key> keys, boolean bounded) {
        if (keys.isEmpty()) {
            return List.of(Segment.ALL);
        }
        Key lead = keys.get(0);
        if (!bounded || !lead.nullable()) {
            return List.of(Segment.SEEK);
        }
        List<Segment> plan = new ArrayList<>(2);
        if (lead.value() != null) {
            if (lead.nullsFirst()) {
                plan.add(Segment.SEEK);
            } else {
                plan.add(Segment.SEEK_LEADING_NOT_NULL);
                plan.add(Segment.LEADING_NULL);
            }
        } else {
            if (keys.size() > 1) {
                plan.add(Segment.SEEK_LEADING_NULL);
            }
            if (lead.nullsFirst()) {
                plan.add(Segment.LEADING_NOT_NULL);
            }
        }
        return plan;
    }

    /**
     * Builds the predicate of one segment.
     *
     * @param cb the criteria builder
     * @param paths the sort-key expressions of this query, in order
     * @param keys the position
     * @param segment the segment
     * @param bounded whether to add leading bounds
     * @return the predicate, or null for "no restriction" ({@link Segment#ALL})
     */
    public static @Nullable Predicate predicate(
            CriteriaBuilder cb, List<? extends Expression<?>> paths, List<Key> keys, Segment segment, boolean bounded) {
        return switch (segment) {
            case ALL -> null;
            case SEEK -> orFalse(cb, seek(cb, paths, keys, 0, bounded, false));
            case SEEK_LEADING_NOT_NULL -> orFalse(cb, seek(cb, paths, keys, 0, bounded, true));
            case SEEK_LEADING_NULL ->
                orFalse(cb, and(cb, cb.isNull(paths.get(0)), seek(cb, paths, keys, 1, bounded, false)));
            case LEADING_NULL -> cb.isNull(paths.get(0));
            case LEADING_NOT_NULL -> cb.isNotNull(paths.get(0));
        };
    }

    private static Predicate orFalse(CriteriaBuilder cb, @Nullable Predicate p) {
        return p == null ? cb.disjunction() : p;
    }

    /** Rows strictly after the position from key {@code i} on, given equality on the keys before; null = none. */
    private static @Nullable Predicate seek(
            CriteriaBuilder cb,
            List<? extends Expression<?>> paths,
            List<Key> keys,
            int i,
            boolean bounded,
            boolean leadingNotNull) {
        if (i >= keys.size()) {
            return null;
        }
        Key key = keys.get(i);
        Expression<?> path = paths.get(i);
        Object v = key.value();
        Predicate equal;
        Predicate after;
        Predicate bound = null;
        if (v == null) {
            equal = cb.isNull(path);
            after = key.nullsFirst() ? cb.isNotNull(path) : null;
        } else {
            equal = cb.equal(path, v);
            Predicate beyond = key.descending() ? lt(cb, path, v) : gt(cb, path, v);
            boolean nullArm = key.nullable() && !key.nullsFirst() && !(i == 0 && leadingNotNull);
            after = nullArm ? cb.or(beyond, cb.isNull(path)) : beyond;
            if (bounded && !nullArm) {
                bound = key.descending() ? le(cb, path, v) : ge(cb, path, v);
            }
        }
        Predicate rest = seek(cb, paths, keys, i + 1, bounded, false);
        Predicate inner = or(cb, after, and(cb, equal, rest));
        // On the last key the bound would only repeat the comparison.
        return inner == null || bound == null || rest == null ? inner : cb.and(bound, inner);
    }

    private static @Nullable Predicate and(CriteriaBuilder cb, Predicate a, @Nullable Predicate b) {
        return b == null ? null : cb.and(a, b);
    }

    private static @Nullable Predicate or(CriteriaBuilder cb, @Nullable Predicate a, @Nullable Predicate b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : cb.or(a, b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate gt(CriteriaBuilder cb, Expression path, Object v) {
        return cb.greaterThan(path, (Comparable) v);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate lt(CriteriaBuilder cb, Expression path, Object v) {
        return cb.lessThan(path, (Comparable) v);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate ge(CriteriaBuilder cb, Expression path, Object v) {
        return cb.greaterThanOrEqualTo(path, (Comparable) v);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate le(CriteriaBuilder cb, Expression path, Object v) {
        return cb.lessThanOrEqualTo(path, (Comparable) v);
    }
}
