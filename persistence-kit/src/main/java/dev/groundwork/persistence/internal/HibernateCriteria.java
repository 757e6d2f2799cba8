package dev.groundwork.persistence.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a Criteria page does differently where Hibernate is the provider (the literal limit also on the JPQL
 * path), found at run time so that Hibernate stays neither a compile-time nor a run-time dependency. Each measured
 * in {@code KeysetPaginationBenchmark}:
 *
 * <ul>
 *   <li><b>The limit as a literal</b> ({@code fetch first 51 rows only}) through Hibernate's
 *       {@code JpaCriteriaQuery.fetch(JpaExpression)} (there since Hibernate 6.0), instead of JPA's
 *       {@code setMaxResults}, which Hibernate binds as a parameter: with a bound limit PostgreSQL planned the
 *       statement again at every execution. Different page sizes become different statements: a handful in
 *       practice.
 *   <li><b>The translated query kept</b>: the hint {@value #PLAN_CACHEABLE} lets Hibernate reuse its translation of
 *       the Criteria tree to SQL for the next page of the same shape (values bound as parameters do not count, so
 *       every cursor shares one entry). Without it Hibernate translates every Criteria query anew, which was a
 *       fifth of a page's time on the client.
 *   <li><b>Rows as a list instantiation</b> ({@code construct(List.class, ...)}, HQL's {@code new list(...)})
 *       rather than an {@code Object[]} multiselect: Hibernate 7.4 never finds a compound selection in its plan
 *       cache (its {@code SqmJpaCompoundSelection.isCompatible} compares each item with the whole selection), so
 *       a multiselect would be translated every time, hint or not. A list instantiation compares item by item.
 * </ul>
 *
 * <p>On any other provider {@link #applies} answers false and the listing keeps to portable JPA.
 */
final class HibernateCriteria {

    /** Hibernate's query hint that allows its query plan cache for a Criteria query. */
    static final String PLAN_CACHEABLE = "hibernate.query.plan.cacheable";

    private static final String BUILDER = "org.hibernate.query.criteria.HibernateCriteriaBuilder";
    private static final String QUERY = "org.hibernate.query.criteria.JpaCriteriaQuery";
    private static final String EXPRESSION = "org.hibernate.query.criteria.JpaExpression";

    /** Hibernate's {@code fetch} and the expression type it takes. */
    private record Fetch(MethodHandle handle, Class<?> expression) {}

    /** Per builder class: Hibernate's {@code fetch(JpaExpression)}, or empty when the builder is not Hibernate's. */
    private static final ClassValue<Optional<Fetch>> FETCH = new ClassValue<>() {
        @Override
        protected Optional<Fetch> computeValue(Class<?> type) {
            return Optional.ofNullable(find(type));
        }
    };

    private HibernateCriteria() {}

    private static @Nullable Fetch find(Class<?> builderType) {
        try {
            ClassLoader loader = builderType.getClassLoader();
            if (!Class.forName(BUILDER, false, loader).isAssignableFrom(builderType)) {
                return null;
            }
            Class<?> query = Class.forName(QUERY, false, loader);
            Class<?> expression = Class.forName(EXPRESSION, false, loader);
            MethodHandle handle = MethodHandles.publicLookup()
                    .findVirtual(query, "fetch", MethodType.methodType(query, expression))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            return new Fetch(handle, expression);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | LinkageError e) {
            return null;
        }
    }

    /**
     * Tells whether the builder is Hibernate's, with everything this class uses.
     *
     * @param cb the builder
     * @return true on Hibernate
     */
    static boolean applies(CriteriaBuilder cb) {
        return FETCH.get(cb.getClass()).isPresent();
    }

    /**
     * Puts the limit into the query as a literal. Only for a query of a builder that {@link #applies}.
     *
     * @param query the Criteria query
     * @param cb its builder
     * @param max the rows to read at most
     */
    static void fetch(CriteriaQuery<?> query, CriteriaBuilder cb, int max) {
        Fetch fetch = FETCH.get(cb.getClass())
                .orElseThrow(() -> new IllegalStateException("not Hibernate's builder: " + cb.getClass()));
        Object literal = cb.literal(max);
        if (!fetch.expression().isInstance(literal)) {
            throw new IllegalStateException("Hibernate's literal is not a JpaExpression: " + literal.getClass());
        }
        try {
            Object ignored = fetch.handle().invoke(query, literal);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Hibernate's JpaCriteriaQuery.fetch failed", e);
        }
    }
}
