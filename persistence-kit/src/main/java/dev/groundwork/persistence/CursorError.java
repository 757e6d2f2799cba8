package dev.groundwork.persistence;

/**
 * Why a cursor was refused. A refused cursor never yields a page; each reason maps to HTTP 400. Immutable.
 */
public enum CursorError {
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
