package dev.groundwork.persistence.jdbc;

import java.util.Locale;

/** The kind of a recorded SQL statement, from its first keyword. Immutable. */
public enum StatementKind {
    /** {@code SELECT} or {@code WITH ... SELECT}. */
    SELECT,
    /** {@code INSERT}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** Anything else: DDL, {@code CALL}, {@code SET}, {@code EXPLAIN}. */
    OTHER;

    static StatementKind of(String sql) {
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        if (s.startsWith("select") || s.startsWith("with") || s.startsWith("(select")) {
            return SELECT;
        } else if (s.startsWith("insert")) {
            return INSERT;
        } else if (s.startsWith("update")) {
            return UPDATE;
        } else if (s.startsWith("delete")) {
            return DELETE;
        }
        return OTHER;
    }
}
