package dev.groundwork.auth;

import dev.groundwork.auth.internal.JwkSets;
import dev.groundwork.auth.internal.KeyLookup;
import dev.groundwork.auth.internal.KeyProvider;
import dev.groundwork.auth.internal.OidcKeys;
import dev.groundwork.auth.internal.RemoteJwks;
import dev.groundwork.auth.internal.StaticKeys;
import dev.groundwork.auth.internal.VerifierKey;
import java.net.URI;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a verifier finds an issuer's keys. Create one with a static factory: a shared HMAC secret, a public key,
 * or a JWK set. Each key is bound to the algorithms it may verify, so a token's {@code alg} header can never turn
 * an RSA public key into an HMAC secret (algorithm confusion).
 *
 * <p>Key selection: a token with a {@code kid} is checked against the keys with that {@code kid} and the keys
 * without one; a token without a {@code kid} against every key that supports its algorithm. Header members that
 * point at keys ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never used.
 *
 * <p>Immutable; thread-safe.
 */
public final class KeySource {
    private final KeyProvider provider;

    KeySource(KeyProvider provider) {
        this.provider = provider;
    }

    /**
     * A shared HMAC secret for one algorithm.
     *
     * @param algorithm HS256, HS384 or HS512
     * @param secret the secret; at least as long as the hash output (32, 48 or 64 bytes); copied
     * @return the key source
     * @throws IllegalArgumentException when the algorithm is not HMAC or the secret is too short
     */
    public static KeySource hmacSecret(JwsAlgorithm algorithm, byte[] secret) {
        return hmacSecret(null, algorithm, secret);
    }

    /**
     * A shared HMAC secret for one algorithm, with a key id.
     *
     * @param keyId the {@code kid} tokens carry, or null to match any
     * @param algorithm HS256, HS384 or HS512
     * @param secret the secret; at least as long as the hash output (32, 48 or 64 bytes); copied
     * @return the key source
     * @throws IllegalArgumentException when the algorithm is not HMAC or the secret is too short
     */
    public static KeySource hmacSecret(@Nullable String keyId, JwsAlgorithm algorithm, byte[] secret) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
        return new KeySource(new StaticKeys(List.of(VerifierKey.hmac(keyId, algorithm, secret))));
    }

    /**
     * A public key for one algorithm: RSA (2048 bits or more) for RS* and PS*, EC on the matching curve for ES*,
     * Ed25519 for EdDSA.
     *
     * @param algorithm the algorithm the key verifies
     * @param key the public key
     * @return the key source
     * @throws IllegalArgumentException when key and algorithm do not fit together, or the key is too weak
     */
    public static KeySource publicKey(JwsAlgorithm algorithm, PublicKey key) {
        return publicKey(null, algorithm, key);
    }

    /**
     * A public key for one algorithm, with a key id.
     *
     * @param keyId the {@code kid} tokens carry, or null to match any
     * @param algorithm the algorithm the key verifies
     * @param key the public key
     * @return the key source
     * @throws IllegalArgumentException when key and algorithm do not fit together, or the key is too weak
     */
    public static KeySource publicKey(@Nullable String keyId, JwsAlgorithm algorithm, PublicKey key) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        return new KeySource(new StaticKeys(List.of(VerifierKey.publicKey(keyId, algorithm, key))));
    }

    /**
     * The keys of a JWK set document (RFC 7517), such as a copy of an identity provider's {@code jwks_uri}. Private
     * members, if present, are ignored: only the public parts verify.
     *
     * @param json the JWK set JSON
     * @return the key source
     * @throws IllegalArgumentException when the document does not parse, holds no keys, or holds a key that
     *     cannot verify (encryption key, weak RSA key, short HMAC secret, unsupported type or curve)
     */
    public static KeySource jwkSet(String json) {
        Objects.requireNonNull(json, "json");
        return new KeySource(new StaticKeys(JwkSets.parse(json, false)));
    }

    /**
     * The keys published at a JWKS URL (an identity provider's {@code jwks_uri}), fetched when first needed and
     * cached with the {@link JwksOptions#defaults() default options}. The URL must be {@code https}, except on a
     * loopback address.
     *
     * @param jwksUri the JWK set URL
     * @return the key source
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    public static KeySource remoteJwks(URI jwksUri) {
        return remoteJwks(jwksUri, JwksOptions.defaults());
    }

    /**
     * The keys published at a JWKS URL, fetched and cached as the options say: refreshed ahead of expiry in the
     * background, refreshed at most once per cooldown for an unknown {@code kid}, and kept through outages for the
     * configured tolerance. Nothing is fetched until the first token needs a key.
     *
     * @param jwksUri the JWK set URL; {@code https}, or {@code http} on a loopback address
     * @param options caching and timeout options
     * @return the key source
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    public static KeySource remoteJwks(URI jwksUri, JwksOptions options) {
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(options, "options");
        return new KeySource(new RemoteJwks(jwksUri, options));
    }

    /**
     * {@link #oidcDiscovery(String, JwksOptions)} with the default options.
     *
     * @param issuer the issuer URL, exactly as tokens carry it in {@code iss}
     * @return the key source
     * @throws IllegalArgumentException when the issuer is not an https URL (or http on loopback)
     */
    public static KeySource oidcDiscovery(String issuer) {
        return oidcDiscovery(issuer, JwksOptions.defaults());
    }

    /**
     * The keys of an OpenID Connect provider, found through its discovery document
     * ({@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must match exactly and whose
     * {@code jwks_uri} is then read as {@link #remoteJwks(URI, JwksOptions)}). Nothing is fetched until the first
     * token needs a key.
     *
     * @param issuer the issuer URL, exactly as tokens carry it in {@code iss}; https, or http on loopback
     * @param options caching and timeout options, for both documents
     * @return the key source
     * @throws IllegalArgumentException when the issuer is not such a URL
     */
    public static KeySource oidcDiscovery(String issuer, JwksOptions options) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(options, "options");
        return new KeySource(new OidcKeys(issuer, options));
    }

    /** Finds the candidate keys for a token; never throws. */
    KeyLookup lookup(@Nullable String keyId, JwsAlgorithm algorithm) {
        return provider.lookup(keyId, algorithm);
    }
}
