package dev.groundwork.persistence;

import java.util.List;
import java.util.Objects;

/**
 * A page in the shape of the Relay cursor connection specification: {@code edges { node cursor } pageInfo}.
 * Serialises as expected with any JSON library that handles records. Immutable if the nodes are.
 *
 * @param edges the rows with their cursors
 * @param pageInfo what surrounds them
 * @param <T> the node type
 */
public record RelayConnection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
    /**
     * Copies the edges.
     *
     * @param edges the rows with their cursors
     * @param pageInfo what surrounds them
     */
    public RelayConnection {
        edges = List.copyOf(edges);
        Objects.requireNonNull(pageInfo, "pageInfo");
    }
}
