package dev.groundwork.persistence;

/** A cursor that was refused before any query ran. Immutable. */
public final class InvalidCursorException extends PaginationException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    private final CursorError error;

    InvalidCursorException(CursorError error, String message) {
        super(message);
        this.error = error;
    }

    /**
     * Returns why the cursor was refused.
     *
     * @return the reason
     */
    public CursorError error() {
        return error;
    }
}
