import org.jspecify.annotations.NullMarked;

/**
 * Pagination over JPA (offset, slice and keyset with signed cursors) and the JPA helpers people rewrite every
 * day.
 */
@NullMarked
module dev.groundwork.persistence {
    requires transitive jakarta.persistence;
    requires static transitive org.jspecify;
}
