package dev.groundwork.persistence;

/**
 * How an offset page counts its total. Every mode first tries to prove the total from the page itself (a page
 * with fewer rows than asked ends the listing, so offset plus rows is the total) and runs no count then.
 * Immutable.
 */
public sealed interface CountMode {
    /**
     * Counts exactly: {@code select count(e)} with the query's filters, no fetches, no ordering.
     *
     * @return the mode
     */
    static CountMode exact() {
        return Exact.INSTANCE;
    }

    /**
     * Counts up to a bound: a probe for the row after the bound, then an exact count only when there is none.
     * Both statements stop after {@code bound + 1} rows, so the cost is capped however large the table.
     *
     * @param bound the bound, for example 10 000; at least 1
     * @return the mode
     */
    static CountMode bounded(long bound) {
        return new Bounded(bound);
    }

    /**
     * Never counts; the page still knows whether a next page exists.
     *
     * @return the mode
     */
    static CountMode none() {
        return None.INSTANCE;
    }

    /** See {@link #exact()}. */
    enum Exact implements CountMode {
        /** The one instance. */
        INSTANCE
    }

    /**
     * See {@link #bounded(long)}.
     *
     * @param bound the bound
     */
    record Bounded(long bound) implements CountMode {
        /**
         * Checks the bound.
         *
         * @param bound the bound
         */
        public Bounded {
            if (bound < 1 || bound > Integer.MAX_VALUE - 1) {
                throw new IllegalArgumentException("count bound " + bound + " must be between 1 and 2^31 - 2");
            }
        }
    }

    /** See {@link #none()}. */
    enum None implements CountMode {
        /** The one instance. */
        INSTANCE
    }
}
