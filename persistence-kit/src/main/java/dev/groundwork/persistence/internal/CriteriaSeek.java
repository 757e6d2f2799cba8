package dev.groundwork.persistence.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The seek {@link Seek.Algebra} on the Criteria API; values are passed to the builder, which binds them as
 * parameters. Row values are not expressible in JPA Criteria. Not thread-safe: one per query.
 */
public final class CriteriaSeek implements Seek.Algebra<Predicate> {
    private final CriteriaBuilder cb;
    private final List<? extends Expression<?>> paths;
    private final List<Seek.Key> keys;

    /**
     * Creates the algebra.
     *
     * @param cb the builder
     * @param paths the sort-key expressions, in query order
     * @param keys the position
     */
    public CriteriaSeek(CriteriaBuilder cb, List<? extends Expression<?>> paths, List<Seek.Key> keys) {
        this.cb = cb;
        this.paths = paths;
        this.keys = keys;
    }

    @Override
    public Predicate isNull(int i) {
        return cb.isNull(paths.get(i));
    }

    @Override
    public Predicate isNotNull(int i) {
        return cb.isNotNull(paths.get(i));
    }

    @Override
    public Predicate equal(int i) {
        return cb.equal(paths.get(i), value(i));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Predicate compare(int i, boolean greater, boolean orEqual) {
        Expression path = paths.get(i);
        Comparable v = (Comparable) value(i);
        if (greater) {
            return orEqual ? cb.greaterThanOrEqualTo(path, v) : cb.greaterThan(path, v);
        }
        return orEqual ? cb.lessThanOrEqualTo(path, v) : cb.lessThan(path, v);
    }

    @Override
    public Predicate rowCompare(boolean greater, boolean orEqual) {
        throw new UnsupportedOperationException("JPA Criteria has no row-value comparison");
    }

    @Override
    public Predicate and(Predicate a, Predicate b) {
        return cb.and(a, b);
    }

    @Override
    public Predicate or(Predicate a, Predicate b) {
        return cb.or(a, b);
    }

    @Override
    public Predicate none() {
        return cb.disjunction();
    }

    private Object value(int i) {
        @Nullable Object v = keys.get(i).value();
        if (v == null) {
            throw new IllegalStateException("key " + i + " has no value to compare");
        }
        return v;
    }
}
