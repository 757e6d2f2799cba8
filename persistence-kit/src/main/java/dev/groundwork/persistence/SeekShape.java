package dev.groundwork.persistence;

/**
 * The shape of the keyset seek predicate, {@code WHERE} the next page starts. All shapes select the same rows;
 * they differ in how a database plans them. Immutable.
 *
 * <p>For sort keys {@code (a DESC, b DESC)} after the row {@code (x, y)}:
 *
 * <ul>
 *   <li>{@link #BOUNDED_OR}: {@code a <= x AND (a < x OR (a = x AND b < y))}. The redundant leading bound is an
 *       index condition, so PostgreSQL starts the index scan at the cursor: constant time at any depth.
 *   <li>{@link #PLAIN_OR}: {@code a < x OR (a = x AND b < y)}, what Spring Data and Hibernate's {@code KeyedPage}
 *       emit. PostgreSQL runs it as a {@code Filter} over the index from the first row, as slow as {@code OFFSET}
 *       at depth. Kept for databases whose planners prefer it and for comparison.
 *   <li>{@link #ROW_VALUE}: {@code (a, b) < (x, y)}, the form hand-written SQL uses. JPA Criteria cannot express
 *       it, so it applies to {@link PageQuery#jpql JPQL queries} on providers whose query language has row
 *       values (Hibernate), and only to sorts with one direction and no nullable key; other queries and sorts
 *       use {@link #BOUNDED_OR}, which selects the same rows.
 * </ul>
 *
 * <p>{@code BOUNDED_OR} and {@code PLAIN_OR} are plain Criteria API or JPQL and run on every JPA provider.
 */
public enum SeekShape {
    /** Or-expansion with a redundant leading bound (the default). */
    BOUNDED_OR,
    /** Or-expansion only. */
    PLAIN_OR,
    /** One row-value comparison, where it applies (see above). */
    ROW_VALUE
}
