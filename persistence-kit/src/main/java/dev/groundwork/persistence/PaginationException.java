package dev.groundwork.persistence;

/**
 * A page request or cursor that this module refused. The message describes the fault in words fit for an HTTP
 * 400 response body: it names the offending parameter and, shortened and stripped of control characters, the
 * value. Immutable.
 */
public abstract sealed class PaginationException extends RuntimeException
        permits InvalidPageRequestException, InvalidCursorException {
    private static final long serialVersionUID = 1L;

    PaginationException(String message) {
        super(message, null, false, false);
    }
}
