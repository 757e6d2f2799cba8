package dev.groundwork.persistence;

import java.util.Objects;

/**
 * One Relay edge: a node and the cursor of its row. Immutable if the node is.
 *
 * @param node the row, or what it was mapped to
 * @param cursor pass as {@code after} or {@code before} to page from this row
 * @param <T> the node type
 */
public record Edge<T>(T node, String cursor) {
    /**
     * Checks the components.
     *
     * @param node the row, or what it was mapped to
     * @param cursor pass as {@code after} or {@code before} to page from this row
     */
    public Edge {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(cursor, "cursor");
    }
}
