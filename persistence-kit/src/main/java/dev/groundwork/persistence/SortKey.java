package dev.groundwork.persistence;

import java.util.Objects;

/**
 * One key of a requested sort: a whitelisted field name and a direction. Immutable.
 *
 * @param field the public field name, as declared in the {@link SortSpec}
 * @param direction the direction
 */
public record SortKey(String field, Direction direction) {
    /**
     * Checks the components.
     *
     * @param field the public field name, as declared in the {@link SortSpec}
     * @param direction the direction
     */
    public SortKey {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * Returns the key as written in a sort parameter: {@code name} or {@code -name}.
     *
     * @return the parameter form
     */
    @Override
    public String toString() {
        return direction == Direction.DESC ? "-" + field : field;
    }
}
