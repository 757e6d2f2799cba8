package dev.groundwork.persistence;

/**
 * Where the database puts {@code NULL} in an {@code ORDER BY} that names no {@code NULLS FIRST/LAST}. Keyset
 * pagination sorts in the database's natural order, so that an index on the sort keys serves it, and shapes its
 * seek predicates to match. Immutable.
 */
public enum NullOrdering {
    /**
     * Nulls sort above every value: last when ascending, first when descending. PostgreSQL, Oracle, and the
     * default.
     */
    HIGH,
    /** Nulls sort below every value: first when ascending, last when descending. MySQL, MariaDB, SQL Server. */
    LOW;

    /**
     * Tells whether nulls come first under this ordering in the given direction.
     *
     * @param direction the sort direction
     * @return {@code true} when nulls precede every value
     */
    public boolean nullsFirst(Direction direction) {
        return (this == HIGH) == (direction == Direction.DESC);
    }
}
