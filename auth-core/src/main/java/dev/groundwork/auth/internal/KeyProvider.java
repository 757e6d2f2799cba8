package dev.groundwork.auth.internal;

import dev.groundwork.auth.JwsAlgorithm;
import org.jspecify.annotations.Nullable;

/** Where a {@code KeySource} finds an issuer's keys: fixed, fetched, discovered or a live key ring. */
@FunctionalInterface
public interface KeyProvider {
    /**
     * Finds the candidate keys for a token; never throws.
     *
     * @param keyId the token's {@code kid}, or null
     * @param algorithm the token's algorithm
     * @return the keys, no match, or unavailable
     */
    KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm);
}
