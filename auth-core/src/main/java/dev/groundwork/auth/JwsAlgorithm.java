package dev.groundwork.auth;

import java.util.Optional;

/**
 * The JWS signature algorithms of RFC 7518 and RFC 8037 that Groundwork verifies and signs with.
 *
 * <p>A verifier accepts only the algorithms its builder names; the {@code alg} header of a token selects among
 * them and never widens them. {@code none} is not a member and is always refused.
 */
public enum JwsAlgorithm {
    /** HMAC with SHA-256; the key must be at least 32 bytes. */
    HS256(Family.HMAC),
    /** HMAC with SHA-384; the key must be at least 48 bytes. */
    HS384(Family.HMAC),
    /** HMAC with SHA-512; the key must be at least 64 bytes. */
    HS512(Family.HMAC),
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256(Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384(Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-512. */
    RS512(Family.RSA),
    /** RSASSA-PSS with SHA-256. */
    PS256(Family.RSA),
    /** RSASSA-PSS with SHA-384. */
    PS384(Family.RSA),
    /** RSASSA-PSS with SHA-512. */
    PS512(Family.RSA),
    /** ECDSA on P-256 with SHA-256. */
    ES256(Family.EC),
    /** ECDSA on P-384 with SHA-384. */
    ES384(Family.EC),
    /** ECDSA on P-521 with SHA-512. */
    ES512(Family.EC),
    /** EdDSA on Ed25519 (RFC 8037). */
    EdDSA(Family.EDDSA);

    /** The kind of key an algorithm needs. */
    public enum Family {
        /** A shared secret. */
        HMAC,
        /** An RSA key pair of at least 2048 bits. */
        RSA,
        /** An elliptic-curve key pair on the algorithm's curve. */
        EC,
        /** An Ed25519 key pair. */
        EDDSA
    }

    private final Family family;

    JwsAlgorithm(Family family) {
        this.family = family;
    }

    /**
     * The kind of key this algorithm needs.
     *
     * @return the key family
     */
    public Family family() {
        return family;
    }

    /**
     * The algorithm with this exact {@code alg} header name (case-sensitive, as RFC 7515 requires).
     *
     * @param name the header value
     * @return the algorithm, or empty for any other name, {@code none} included
     */
    public static Optional<JwsAlgorithm> fromHeader(String name) {
        for (JwsAlgorithm algorithm : VALUES) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private static final JwsAlgorithm[] VALUES = values();
}
