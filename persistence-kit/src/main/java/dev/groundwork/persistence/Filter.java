package dev.groundwork.persistence;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * One restriction of a {@link PageQuery}, written with the Criteria API. It is applied to the data query and to
 * the count query alike, so it must not depend on the query's selection or ordering.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface Filter<T> {
    /**
     * Builds the predicate.
     *
     * @param root the query root
     * @param query the query being built (for subqueries)
     * @param cb the criteria builder
     * @return the predicate
     */
    Predicate toPredicate(Root<T> root, CriteriaQuery<?> query, CriteriaBuilder cb);
}
