package dev.groundwork.persistence;

import org.jspecify.annotations.Nullable;

/**
 * The Relay {@code PageInfo} of a connection. Immutable.
 *
 * @param hasNextPage whether rows follow the last edge
 * @param hasPreviousPage whether rows precede the first edge
 * @param startCursor the first edge's cursor, null when there are no edges
 * @param endCursor the last edge's cursor, null when there are no edges
 */
public record PageInfo(
        boolean hasNextPage,
        boolean hasPreviousPage,
        @Nullable String startCursor,
        @Nullable String endCursor) {}
