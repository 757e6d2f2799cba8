package dev.groundwork.cache.http;

/** What a conditional request (RFC 9110 §13) asks the server to do. */
public enum ConditionalOutcome {
    /** Every precondition holds: perform the method. */
    PROCEED(200),
    /** A {@code GET} or {@code HEAD} whose client copy is current: answer 304 with the validators, no body. */
    NOT_MODIFIED(304),
    /** A precondition failed: answer 412 and do not perform the method. */
    PRECONDITION_FAILED(412);

    private final int status;

    ConditionalOutcome(int status) {
        this.status = status;
    }

    /**
     * The HTTP status to answer with when the method is not performed.
     *
     * @return 304 or 412; 200 for {@link #PROCEED}, which the method's own result replaces
     */
    public int status() {
        return status;
    }
}
