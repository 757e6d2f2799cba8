package dev.groundwork.apidocs;

import java.util.Objects;

/** A type or an operation that cannot be documented truthfully; its {@link #reason()} says why. */
public final class ApiDocsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message what, naming the type or operation
     */
    public ApiDocsException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates the exception with its cause.
     *
     * @param reason why
     * @param message what, naming the type or operation
     * @param cause what failed underneath
     */
    public ApiDocsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the type or operation cannot be documented.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /** Why a type or an operation cannot be documented. */
    public enum Reason {
        /** The mapper cannot write the type, or its shape cannot be described (yet): the message names it. */
        UNSUPPORTED_TYPE,
        /** Two different types would get one schema name; one would silently replace the other. */
        NAME_COLLISION,
        /** An operation is malformed: its method, path, parameters or responses; the message names it. */
        INVALID_OPERATION,
        /** Two operations share an id, or a method and a path. */
        DUPLICATE_OPERATION
    }
}
