package dev.groundwork.persistence.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;

/**
 * The statements of one listing, written once per query dialect (Criteria, JPQL) so that the paginator never
 * branches on the dialect: a page of rows, a count, and the probe that bounds a count. Immutable; thread-safe.
 *
 * @param <T> the entity type
 */
public interface ListingQuery<T> {

    /**
     * What one page statement reads.
     *
     * @param paths each sort key's attribute path, in query order
     * @param descending each key's direction
     * @param position the seek position, empty for none
     * @param segment which rows relative to the position
     * @param shape the seek predicate's shape
     * @param inclusive whether the position's own row is selected too
     * @param offset rows to skip first
     * @param max rows to read at most
     */
    record Page(
            List<String[]> paths,
            List<Boolean> descending,
            List<Seek.Key> position,
            Seek.Segment segment,
            Seek.Shape shape,
            boolean inclusive,
            int offset,
            int max) {}

    /**
     * Tells whether this dialect can write a row-value comparison.
     *
     * @return true for JPQL on a provider with row values
     */
    boolean supportsRowValues();

    /**
     * Reads one page statement.
     *
     * @param em the entity manager
     * @param page what to read
     * @return rows of the entity followed by its sort-key values
     */
    List<Object[]> select(EntityManager em, Page page);

    /**
     * Counts the rows of the listing.
     *
     * @param em the entity manager
     * @return the count
     */
    long count(EntityManager em);

    /**
     * Tells whether the listing has more than {@code bound} rows, reading at most one row past the bound.
     *
     * @param em the entity manager
     * @param tiePath the unique key's path, selected instead of whole rows
     * @param bound the bound
     * @return true when a row lies beyond it
     */
    boolean exceeds(EntityManager em, String[] tiePath, long bound);

    /**
     * Runs a page statement: the query's hints, the page's offset and size.
     *
     * @param query the statement
     * @param hints the listing's hints
     * @param page the page
     * @param limitWritten whether the statement already carries the page's size as a literal (see
     *     {@code HibernateCriteria}); otherwise it is set with {@code setMaxResults}
     * @param <R> the row type
     * @return the rows
     */
    static <R> List<R> run(TypedQuery<R> query, Map<String, Object> hints, Page page, boolean limitWritten) {
        hints.forEach(query::setHint);
        if (page.offset() > 0) {
            query.setFirstResult(page.offset());
        }
        if (!limitWritten) {
            query.setMaxResults(page.max());
        }
        return query.getResultList();
    }
}
