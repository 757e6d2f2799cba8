package dev.groundwork.persistence;

/**
 * How many rows match a query, as far as it was counted. Immutable.
 */
public sealed interface Total {
    /**
     * The exact number of matching rows.
     *
     * @param count the count
     */
    record Exact(long count) implements Total {
        /**
         * Checks the count.
         *
         * @param count the count
         */
        public Exact {
            if (count < 0) {
                throw new IllegalArgumentException("count " + count + " is negative");
            }
        }

        @Override
        public String toString() {
            return Long.toString(count);
        }
    }

    /**
     * More rows match than the bound; shown as {@code "10000+"}.
     *
     * @param bound the bound the count stopped at
     */
    record MoreThan(long bound) implements Total {
        /**
         * Checks the bound.
         *
         * @param bound the bound the count stopped at
         */
        public MoreThan {
            if (bound < 0) {
                throw new IllegalArgumentException("bound " + bound + " is negative");
            }
        }

        @Override
        public String toString() {
            return bound + "+";
        }
    }

    /** Not counted ({@link CountMode#none()}). */
    record Unknown() implements Total {
        @Override
        public String toString() {
            return "unknown";
        }
    }
}
