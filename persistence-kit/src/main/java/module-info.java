import org.jspecify.annotations.NullMarked;

/**
 * Pagination over JPA (offset, slice and keyset with signed cursors) and the JPA helpers people rewrite every
 * day: a transaction template with retry, auditing, batch inserts and a statement counter for tests.
 */
@NullMarked
module dev.groundwork.persistence {
    requires transitive jakarta.persistence;
    requires transitive java.sql;
    requires static transitive com.google.errorprone.annotations;
    requires static transitive org.jspecify;

    exports dev.groundwork.persistence;
    exports dev.groundwork.persistence.audit;
    exports dev.groundwork.persistence.batch;
    exports dev.groundwork.persistence.jdbc;
    exports dev.groundwork.persistence.tx;
}
