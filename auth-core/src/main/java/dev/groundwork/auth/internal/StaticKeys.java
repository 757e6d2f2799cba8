package dev.groundwork.auth.internal;

import dev.groundwork.auth.JwsAlgorithm;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Keys fixed when the verifier is built. Immutable; thread-safe. */
public final class StaticKeys implements KeyProvider {
    private static final KeyLookup NO_MATCH = new KeyLookup.NoMatch();

    private final List<VerifierKey> keys;

    /**
     * Fixed keys.
     *
     * @param keys the keys
     */
    public StaticKeys(List<VerifierKey> keys) {
        this.keys = List.copyOf(keys);
    }

    @Override
    public KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm) {
        return select(keys, keyId, algorithm);
    }

    /**
     * The keys that may verify a token with this {@code kid} and algorithm, exact {@code kid} matches first.
     *
     * @param keys the candidates
     * @param keyId the token's kid, or null
     * @param algorithm the token's algorithm
     * @return the keys found, or no match
     */
    public static KeyLookup select(List<VerifierKey> keys, @Nullable String keyId, JwsAlgorithm algorithm) {
        List<VerifierKey> exact = new ArrayList<>(2);
        List<VerifierKey> anonymous = new ArrayList<>(2);
        for (VerifierKey key : keys) {
            if (!key.supports(algorithm)) {
                continue;
            }
            String kid = key.kid();
            if (kid == null) {
                anonymous.add(key);
            } else if (keyId == null || kid.equals(keyId)) {
                exact.add(key);
            }
        }
        exact.addAll(anonymous);
        return exact.isEmpty() ? NO_MATCH : new KeyLookup.Found(exact);
    }
}
