package dev.groundwork.persistence.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A page's row limit written into a Criteria query as a literal ({@code fetch first 51 rows only}) where Hibernate
 * is the provider, instead of JPA's {@code setMaxResults}, which Hibernate binds as a parameter
 * ({@code fetch first ? rows only}). With the limit a parameter, PostgreSQL plans the statement again at every
 * execution; measured in {@code KeysetPaginationBenchmark}, that was most of the gap between a Criteria keyset page
 * and the same page in hand-written SQL. Different page sizes become different statements: a handful in practice.
 *
 * <p>Hibernate stays optional and unnamed at compile time: its {@code JpaCriteriaQuery.fetch(JpaExpression)} (there
 * since Hibernate 6.0) is found once per query class through the query's own class loader, and the limit is JPA's
 * {@code CriteriaBuilder.literal}, which Hibernate renders inline. On any other provider, {@link #apply} answers
 * false and the caller keeps {@code setMaxResults}.
 */
final class LiteralFetch {

    private static final String QUERY = "org.hibernate.query.criteria.JpaCriteriaQuery";
    private static final String EXPRESSION = "org.hibernate.query.criteria.JpaExpression";

    /** Hibernate's {@code fetch} and the expression type it takes. */
    private record Fetch(MethodHandle handle, Class<?> expression) {}

    /** Per query class: Hibernate's {@code fetch(JpaExpression)}, or empty when the class is not Hibernate's. */
    private static final ClassValue<Optional<Fetch>> FETCH = new ClassValue<>() {
        @Override
        protected Optional<Fetch> computeValue(Class<?> type) {
            return Optional.ofNullable(find(type));
        }
    };

    private LiteralFetch() {}

    private static @Nullable Fetch find(Class<?> type) {
        try {
            ClassLoader loader = type.getClassLoader();
            Class<?> query = Class.forName(QUERY, false, loader);
            if (!query.isAssignableFrom(type)) {
                return null;
            }
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
     * Puts the limit into the query when the provider is Hibernate.
     *
     * @param query the Criteria query
     * @param cb its builder
     * @param max the rows to read at most
     * @return true when the query now carries the limit; false when the caller must set it
     */
    static boolean apply(CriteriaQuery<?> query, CriteriaBuilder cb, int max) {
        Optional<Fetch> fetch = FETCH.get(query.getClass());
        if (fetch.isEmpty()) {
            return false;
        }
        Object literal = cb.literal(max);
        if (!fetch.get().expression().isInstance(literal)) {
            return false;
        }
        try {
            Object ignored = fetch.get().handle().invoke(query, literal);
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Hibernate's JpaCriteriaQuery.fetch failed", e);
        }
    }
}
