package dev.groundwork.persistence;

/** A cursor that was refused before any query ran. Immutable. */
public final class InvalidCursorException extends PaginationException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    private final Reason reason;

    InvalidCursorException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Returns why the cursor was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Why a cursor was refused. A refused cursor never yields a page; each reason maps to HTTP 400. Immutable.
     */
    public enum Reason {
        /** Longer than the codec's limit; refused before any decoding. */
        TOO_LARGE,
        /** Not a cursor this library wrote: bad base64url, truncated, or an unknown format version. */
        MALFORMED,
        /** Signed with a key id the codec does not know. */
        UNKNOWN_KEY,
        /** Signed with a key that has been retired. */
        RETIRED_KEY,
        /** The signature does not match: the cursor was altered. */
        BAD_SIGNATURE,
        /** Older than the codec's time to live. */
        EXPIRED,
        /** Issued for another entity. */
        WRONG_ENTITY,
        /** Issued for another sort than the request's. */
        SORT_MISMATCH,
        /** Issued for another filter than the query's. */
        FILTER_MISMATCH,
        /**
         * The cursor carries a digest of a sort value too long to carry whole, and the row it was written at has since
         * been deleted or had its sort values changed, so the exact position cannot be known.
         */
        POSITION_CHANGED
    }
}
