package dev.groundwork.cache.http;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the server knows of the current representation when it evaluates a conditional request: whether there is
 * one, its entity tag and its last modification time (either may be unknown).
 *
 * @param exists whether the target resource has a current representation
 * @param etag its entity tag, or null when it has none
 * @param lastModified when it last changed, or null when unknown
 */
public record Validators(
        boolean exists, @Nullable EntityTag etag, @Nullable Instant lastModified) {

    /**
     * A current representation with these validators.
     *
     * @param etag its entity tag, or null
     * @param lastModified when it last changed, or null
     * @return the validators
     */
    public static Validators of(@Nullable EntityTag etag, @Nullable Instant lastModified) {
        return new Validators(true, etag, lastModified);
    }

    /**
     * No current representation (a resource about to be created).
     *
     * @return the validators
     */
    public static Validators absent() {
        return new Validators(false, null, null);
    }
}
