package dev.groundwork.persistence.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A listing written with the Criteria API: runs on every provider; no row values. Immutable; thread-safe.
 *
 * @param <T> the entity type
 */
public final class CriteriaListing<T> implements ListingQuery<T> {

    /**
     * One filter: its key, for messages, and how it builds its predicate.
     *
     * @param key the filter's key
     * @param predicate builds the predicate for a root, a query and a builder
     * @param <T> the entity type
     */
    public record Restriction<T>(String key, Function<Context<T>, Predicate> predicate) {}

    /**
     * What a filter builds its predicate from.
     *
     * @param root the query root
     * @param query the query
     * @param cb the builder
     * @param <T> the entity type
     */
    public record Context<T>(Root<T> root, CriteriaQuery<?> query, CriteriaBuilder cb) {}

    private final Class<T> entity;
    private final List<Restriction<T>> restrictions;
    private final List<String> fetches;
    private final Map<String, Object> hints;
    /** The hints and Hibernate's plan-cache hint, for the page statement on Hibernate. */
    private final Map<String, Object> hibernateHints;

    private final boolean distinct;

    /**
     * A listing of an entity.
     *
     * @param entity the entity class
     * @param restrictions the filters
     * @param fetches associations fetched with the rows
     * @param hints query hints
     * @param distinct whether rows are distinct
     */
    public CriteriaListing(
            Class<T> entity,
            List<Restriction<T>> restrictions,
            List<String> fetches,
            Map<String, Object> hints,
            boolean distinct) {
        this.entity = entity;
        this.restrictions = List.copyOf(restrictions);
        this.fetches = List.copyOf(fetches);
        this.hints = Map.copyOf(hints);
        Map<String, Object> withPlanCache = new HashMap<>(hints);
        withPlanCache.put(HibernateCriteria.PLAN_CACHEABLE, true);
        this.hibernateHints = Map.copyOf(withPlanCache);
        this.distinct = distinct;
    }

    @Override
    public boolean supportsRowValues() {
        return false;
    }

    @Override
    public List<Object[]> select(EntityManager em, Page page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        if (HibernateCriteria.applies(cb)) {
            return selectOnHibernate(em, cb, page);
        }
        CriteriaQuery<Object[]> cq = cb.createQuery(Object[].class);
        cq.multiselect(shape(cq, cb, page));
        return ListingQuery.run(em.createQuery(cq), hints, page, false);
    }

    /** The same page where Hibernate is the provider: see {@link HibernateCriteria} for each difference. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<Object[]> selectOnHibernate(EntityManager em, CriteriaBuilder cb, Page page) {
        CriteriaQuery<List> cq = cb.createQuery(List.class);
        cq.select(cb.construct(List.class, shape(cq, cb, page).toArray(new Selection<?>[0])));
        boolean limitWritten = page.offset() == 0;
        if (limitWritten) {
            HibernateCriteria.fetch(cq, cb, page.max());
        }
        List<List> lists = ListingQuery.run(em.createQuery(cq), hibernateHints, page, limitWritten);
        List<Object[]> rows = new ArrayList<>(lists.size());
        for (List row : lists) {
            rows.add(row.toArray());
        }
        return rows;
    }

    /**
     * Builds everything but the selection and the limit: the root and its fetches, the filters and the seek, the
     * order, distinct.
     *
     * @return what the page selects: the root, then each sort key's path
     */
    private List<Selection<?>> shape(CriteriaQuery<?> cq, CriteriaBuilder cb, Page page) {
        Root<T> root = cq.from(entity);
        for (String fetch : fetches) {
            root.fetch(fetch, JoinType.LEFT);
        }
        List<Path<?>> paths = new ArrayList<>(page.paths().size());
        List<Selection<?>> selection = new ArrayList<>(page.paths().size() + 1);
        selection.add(root);
        for (String[] segments : page.paths()) {
            Path<?> path = path(root, segments);
            paths.add(path);
            selection.add(path);
        }
        List<Predicate> where = where(root, cq, cb);
        Predicate seek = Seek.predicate(
                new CriteriaSeek(cb, paths, page.position()),
                page.position(),
                page.segment(),
                page.shape(),
                page.inclusive());
        if (seek != null) {
            where.add(seek);
        }
        cq.where(where.toArray(new Predicate[0]));
        List<Order> order = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            order.add(page.descending().get(i) ? cb.desc(paths.get(i)) : cb.asc(paths.get(i)));
        }
        cq.orderBy(order);
        if (distinct) {
            cq.distinct(true);
        }
        return selection;
    }

    @Override
    public long count(EntityManager em) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> cq = cb.createQuery(Long.class);
        Root<T> root = cq.from(entity);
        cq.select(distinct ? cb.countDistinct(root) : cb.count(root));
        cq.where(where(root, cq, cb).toArray(new Predicate[0]));
        return em.createQuery(cq).getSingleResult();
    }

    @Override
    public boolean exceeds(EntityManager em, String[] tiePath, long bound) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Object> cq = cb.createQuery(Object.class);
        Root<T> root = cq.from(entity);
        cq.select(path(root, tiePath));
        cq.where(where(root, cq, cb).toArray(new Predicate[0]));
        if (distinct) {
            cq.distinct(true);
        }
        // Row bound + 1, with no ordering: the database stops after bound + 1 rows.
        return !em.createQuery(cq)
                .setFirstResult((int) bound)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private List<Predicate> where(Root<T> root, CriteriaQuery<?> cq, CriteriaBuilder cb) {
        List<Predicate> where = new ArrayList<>(restrictions.size() + 1);
        Context<T> context = new Context<>(root, cq, cb);
        for (Restriction<T> restriction : restrictions) {
            where.add(Objects.requireNonNull(
                    restriction.predicate().apply(context), () -> "filter '" + restriction.key() + "' returned null"));
        }
        return where;
    }

    /**
     * The path of dotted attribute segments from a root.
     *
     * @param root the root
     * @param segments the attribute names
     * @return the path
     */
    public static Path<?> path(Root<?> root, String[] segments) {
        Path<?> p = root;
        for (String s : segments) {
            p = p.get(s);
        }
        return p;
    }
}
