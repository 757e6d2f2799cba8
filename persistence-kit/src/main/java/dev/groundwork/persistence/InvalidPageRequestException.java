package dev.groundwork.persistence;

/** A page request whose parameters were refused before any query ran. Immutable. */
public final class InvalidPageRequestException extends PaginationException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    private final Reason reason;

    InvalidPageRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Returns why the request was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /** Why a page request was refused. Each maps to HTTP 400. Immutable. */
    public enum Reason {
        /** The size is not a decimal integer. */
        SIZE_NOT_A_NUMBER,
        /** The size is zero or negative. */
        SIZE_TOO_SMALL,
        /** The size is above the maximum and the policy is {@link SizePolicy#REJECT}. */
        SIZE_TOO_LARGE,
        /** The page number is not a decimal integer. */
        PAGE_NOT_A_NUMBER,
        /** The page number is below 1, or so high that its offset overflows. */
        PAGE_OUT_OF_RANGE,
        /** The sort parameter is not a comma-separated list of {@code name} or {@code -name}. */
        MALFORMED_SORT,
        /** The sort names a field that is not on the whitelist. */
        UNKNOWN_SORT_FIELD,
        /** The sort names a field twice. */
        DUPLICATE_SORT_FIELD,
        /** The sort names more fields than allowed. */
        TOO_MANY_SORT_FIELDS,
        /** Two parameters that exclude each other were both given (a cursor and a page number, or two cursors). */
        CONFLICTING_PARAMETERS
    }
}
