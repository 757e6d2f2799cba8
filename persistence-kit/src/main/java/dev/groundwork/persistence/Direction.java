package dev.groundwork.persistence;

/** The direction of one sort key. Immutable. */
public enum Direction {
    /** Smallest first; written as {@code name} in a sort parameter. */
    ASC,
    /** Largest first; written as {@code -name} in a sort parameter. */
    DESC;

    /**
     * Returns the opposite direction.
     *
     * @return {@code DESC} for {@code ASC} and the other way round
     */
    public Direction reversed() {
        return this == ASC ? DESC : ASC;
    }
}
