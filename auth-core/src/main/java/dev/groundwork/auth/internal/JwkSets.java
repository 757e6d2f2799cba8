package dev.groundwork.auth.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/** JWK set documents (RFC 7517) read into verification keys. Stateless; thread-safe. */
public final class JwkSets {
    private JwkSets() {}

    /**
     * Parses a JWK set into verification keys.
     *
     * @param skipUnusable whether keys that cannot verify are skipped (remote sets may hold encryption keys or
     *     algorithms we do not accept) rather than refused
     * @param json the document
     * @return the keys
     * @throws IllegalArgumentException when the document does not parse or yields no usable key
     */
    public static List<VerifierKey> parse(String json, boolean skipUnusable) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not a JWK set: " + e.getMessage(), e);
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("the JWK set holds no keys");
        }
        List<VerifierKey> keys = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            try {
                keys.add(VerifierKey.fromJwk(jwk));
            } catch (IllegalArgumentException e) {
                if (!skipUnusable) {
                    throw e;
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWK set holds no key usable for verification");
        }
        return keys;
    }
}
