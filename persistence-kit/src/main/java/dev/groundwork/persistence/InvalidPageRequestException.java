package dev.groundwork.persistence;

/** A page request whose parameters were refused before any query ran. Immutable. */
public final class InvalidPageRequestException extends PaginationException {
    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    private final PageRequestError error;

    InvalidPageRequestException(PageRequestError error, String message) {
        super(message);
        this.error = error;
    }

    /**
     * Returns why the request was refused.
     *
     * @return the reason
     */
    public PageRequestError error() {
        return error;
    }
}
