package dev.groundwork.auth;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The verification keys of a {@link KeyRing}, read live so rotation takes effect at once. Thread-safe. */
final class KeyRingSource extends KeySource {
    private final KeyRing ring;

    KeyRingSource(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm) {
        List<SigningKey> keys = ring.verifyingKeys();
        List<VerifierKey> verifiers = new ArrayList<>(keys.size());
        for (SigningKey key : keys) {
            verifiers.add(key.verifierKey());
        }
        return StaticKeySource.select(verifiers, keyId, algorithm);
    }
}
