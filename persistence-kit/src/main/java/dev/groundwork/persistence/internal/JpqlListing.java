package dev.groundwork.persistence.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A listing written as JPQL text around the user's restriction: row values where the provider's query language
 * has them (Hibernate's HQL). Paths come from the checked whitelist, never from request input. Immutable;
 * thread-safe.
 *
 * @param <T> the entity type
 */
public final class JpqlListing<T> implements ListingQuery<T> {
    private final Class<T> entity;
    private final String entityName;
    private final String alias;
    private final String where;
    private final Map<String, Object> parameters;
    private final List<String> fetches;
    private final Map<String, Object> hints;
    private final boolean distinct;

    /**
     * A listing of an entity restricted by a JPQL fragment.
     *
     * @param entity the entity class
     * @param entityName the entity's name in the query language
     * @param alias the alias the fragment uses
     * @param where the fragment, empty for none
     * @param parameters the fragment's parameters
     * @param fetches associations fetched with the rows
     * @param hints query hints
     * @param distinct whether rows are distinct
     */
    public JpqlListing(
            Class<T> entity,
            String entityName,
            String alias,
            String where,
            Map<String, Object> parameters,
            List<String> fetches,
            Map<String, Object> hints,
            boolean distinct) {
        this.entity = entity;
        this.entityName = entityName;
        this.alias = alias;
        this.where = where;
        this.parameters = Map.copyOf(parameters);
        this.fetches = List.copyOf(fetches);
        this.hints = Map.copyOf(hints);
        this.distinct = distinct;
    }

    @Override
    public boolean supportsRowValues() {
        return true;
    }

    @Override
    public List<Object[]> select(EntityManager em, Page page) {
        List<String> paths = new java.util.ArrayList<>(page.paths().size());
        for (String[] segments : page.paths()) {
            paths.add(alias + "." + String.join(".", segments));
        }
        StringBuilder jpql = new StringBuilder("select ");
        if (distinct) {
            jpql.append("distinct ");
        }
        jpql.append(alias);
        for (String p : paths) {
            jpql.append(", ").append(p);
        }
        jpql.append(" from ").append(entityName).append(' ').append(alias);
        for (String fetch : fetches) {
            jpql.append(" left join fetch ").append(alias).append('.').append(fetch);
        }
        JpqlSeek algebra = new JpqlSeek(paths, page.position());
        String seek = Seek.predicate(algebra, page.position(), page.segment(), page.shape(), page.inclusive());
        appendWhere(jpql, seek);
        jpql.append(" order by ");
        for (int i = 0; i < paths.size(); i++) {
            jpql.append(i == 0 ? "" : ", ").append(paths.get(i));
            jpql.append(page.descending().get(i) ? " desc" : " asc");
        }
        // Hibernate's HQL takes the limit in the text: a literal, as on the Criteria path (see HibernateCriteria).
        boolean literalLimit = page.offset() == 0 && HibernateCriteria.applies(em.getCriteriaBuilder());
        if (literalLimit) {
            jpql.append(" fetch first ").append(page.max()).append(" rows only");
        }
        TypedQuery<Object[]> tq = em.createQuery(jpql.toString(), Object[].class);
        parameters.forEach(tq::setParameter);
        algebra.parameters().forEach(tq::setParameter);
        return ListingQuery.run(tq, hints, page, literalLimit);
    }

    @Override
    public long count(EntityManager em) {
        return over(em, "count(" + (distinct ? "distinct " : "") + alias + ")", Long.class)
                .getSingleResult();
    }

    @Override
    public boolean exceeds(EntityManager em, String[] tiePath, long bound) {
        String tie = (distinct ? "distinct " : "") + alias + "." + String.join(".", tiePath);
        // Row bound + 1, with no ordering: the database stops after bound + 1 rows.
        return !over(em, tie, Object.class)
                .setFirstResult((int) bound)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** {@code select <selection> from Entity alias where (fragment)}, with the fragment's parameters bound. */
    private <R> TypedQuery<R> over(EntityManager em, String selection, Class<R> type) {
        StringBuilder jpql = new StringBuilder("select ")
                .append(selection)
                .append(" from ")
                .append(entityName)
                .append(' ')
                .append(alias);
        appendWhere(jpql, null);
        TypedQuery<R> tq = em.createQuery(jpql.toString(), type);
        parameters.forEach(tq::setParameter);
        return tq;
    }

    private void appendWhere(StringBuilder jpql, @Nullable String seek) {
        boolean restricted = !where.isEmpty();
        if (restricted || seek != null) {
            jpql.append(" where ");
        }
        if (restricted) {
            jpql.append('(').append(where).append(')');
        }
        if (seek != null) {
            jpql.append(restricted ? " and " : "").append(seek);
        }
    }

    @Override
    public String toString() {
        return "JpqlListing[" + entity.getSimpleName() + " " + alias + "]";
    }
}
