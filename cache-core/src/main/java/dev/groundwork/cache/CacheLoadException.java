package dev.groundwork.cache;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A value could not be loaded; nothing was cached. Its {@link #reason()} says why. */
public final class CacheLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why it failed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message what happened, naming the cache
     * @param cause the loader's exception, if any
     */
    public CacheLoadException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the load failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /** Why a load failed. */
    public enum Reason {
        /** The loader threw; the cause is its exception. */
        LOADER_FAILED,
        /** The loader did not finish within the load timeout; every waiter got this. */
        TIMED_OUT,
        /** The loader returned null instead of an {@code Optional}. */
        NULL_RESULT,
        /** The loader asked the same cache for the key it was loading, which could never finish. */
        RECURSIVE_LOAD
    }
}
