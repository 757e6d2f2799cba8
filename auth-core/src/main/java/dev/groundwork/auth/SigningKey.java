package dev.groundwork.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.groundwork.auth.internal.Base64Url;
import dev.groundwork.auth.internal.Ed25519Keys;
import dev.groundwork.auth.internal.JsonValues;
import dev.groundwork.auth.internal.StaticKeys;
import dev.groundwork.auth.internal.VerifierKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A key that signs tokens, with its algorithm and key id. The key id of an asymmetric key is its RFC 7638
 * thumbprint, so it is stable and derived from the key itself. The key also yields the {@link KeySource} that
 * verifies its tokens.
 *
 * <p>Immutable; thread-safe.
 */
public final class SigningKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwsAlgorithm algorithm;
    private final String keyId;
    private final @Nullable JWSSigner nimbus;
    private final @Nullable PrivateKey ed25519;
    private final VerifierKey verifierKey;
    private final @Nullable JWK publicJwk;

    private SigningKey(
            JwsAlgorithm algorithm,
            String keyId,
            @Nullable JWSSigner nimbus,
            @Nullable PrivateKey ed25519,
            VerifierKey verifierKey,
            @Nullable JWK publicJwk) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.nimbus = nimbus;
        this.ed25519 = ed25519;
        this.verifierKey = verifierKey;
        this.publicJwk = publicJwk;
    }

    /**
     * An HMAC key from a shared secret.
     *
     * @param keyId the {@code kid} tokens will carry
     * @param algorithm HS256, HS384 or HS512
     * @param secret at least as long as the hash output (32, 48 or 64 bytes); copied
     * @return the key
     * @throws IllegalArgumentException when the algorithm is not HMAC, the secret is too short, or the key id is
     *     empty, longer than 256 characters or not well-formed UTF-16
     */
    public static SigningKey hmac(String keyId, JwsAlgorithm algorithm, byte[] secret) {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isEmpty() || keyId.length() > JwtVerifier.MAX_KEY_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "keyId must have 1 to " + JwtVerifier.MAX_KEY_ID_LENGTH + " characters, as verifiers read it");
        }
        JsonValues.checkText("keyId", keyId);
        VerifierKey verifier = VerifierKey.hmac(keyId, algorithm, secret);
        try {
            return new SigningKey(algorithm, keyId, new MACSigner(secret.clone()), null, verifier, null);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HMAC secret: " + e.getMessage(), e);
        }
    }

    /**
     * An asymmetric key pair: RSA (2048 bits or more) for RS* and PS*, EC on the matching curve for ES*, Ed25519
     * for EdDSA.
     *
     * @param algorithm the algorithm to sign with
     * @param pair the key pair
     * @return the key, whose id is the RFC 7638 thumbprint of its public key
     * @throws IllegalArgumentException when key and algorithm do not fit together, or the key is too weak
     */
    public static SigningKey of(JwsAlgorithm algorithm, KeyPair pair) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pair, "pair");
        try {
            JWK jwk;
            JWSSigner signer = null;
            PrivateKey ed25519 = null;
            switch (algorithm.family()) {
                case RSA -> {
                    jwk = new RSAKey.Builder(cast(pair.getPublic(), RSAPublicKey.class, algorithm))
                            .algorithm(JWSAlgorithm.parse(algorithm.name()))
                            .keyIDFromThumbprint()
                            .build();
                    signer = new RSASSASigner(pair.getPrivate());
                }
                case EC -> {
                    ECPublicKey publicKey = cast(pair.getPublic(), ECPublicKey.class, algorithm);
                    Curve curve = Curve.forECParameterSpec(publicKey.getParams());
                    if (curve == null) {
                        throw new IllegalArgumentException("unsupported EC curve for " + algorithm);
                    }
                    jwk = new ECKey.Builder(curve, publicKey)
                            .algorithm(JWSAlgorithm.parse(algorithm.name()))
                            .keyIDFromThumbprint()
                            .build();
                    signer = new ECDSASigner(pair.getPrivate(), curve);
                }
                case EDDSA -> {
                    byte[] x = Ed25519Keys.toRaw(pair.getPublic());
                    jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                            .algorithm(JWSAlgorithm.EdDSA)
                            .keyIDFromThumbprint()
                            .build();
                    ed25519 = pair.getPrivate();
                }
                default -> throw new IllegalArgumentException(algorithm + " is an HMAC algorithm: use SigningKey.hmac");
            }
            VerifierKey verifier = VerifierKey.publicKey(jwk.getKeyID(), algorithm, pair.getPublic());
            return new SigningKey(algorithm, jwk.getKeyID(), signer, ed25519, verifier, jwk);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable key pair for " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /**
     * Generates a fresh key with the JDK: RSA 3072 bits, the algorithm's EC curve, Ed25519, or a random HMAC secret
     * as long as the hash output.
     *
     * @param algorithm the algorithm to sign with
     * @return the new key
     */
    public static SigningKey generate(JwsAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            return switch (algorithm.family()) {
                case HMAC -> {
                    byte[] secret = new byte[VerifierKey.minimumHmacBytes(algorithm)];
                    RANDOM.nextBytes(secret);
                    byte[] id = new byte[12];
                    RANDOM.nextBytes(id);
                    yield hmac(Base64Url.encode(id), algorithm, secret);
                }
                case RSA -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(3072);
                    yield of(algorithm, generator.generateKeyPair());
                }
                case EC -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    String curve = switch (algorithm) {
                        case ES256 -> "secp256r1";
                        case ES384 -> "secp384r1";
                        default -> "secp521r1";
                    };
                    generator.initialize(new ECGenParameterSpec(curve));
                    yield of(algorithm, generator.generateKeyPair());
                }
                case EDDSA ->
                    of(algorithm, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a key for " + algorithm, e);
        }
    }

    private static <K> K cast(Object key, Class<K> type, JwsAlgorithm algorithm) {
        if (!type.isInstance(key)) {
            throw new IllegalArgumentException(algorithm + " needs a " + type.getSimpleName());
        }
        return type.cast(key);
    }

    /**
     * The algorithm this key signs with.
     *
     * @return the algorithm
     */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The {@code kid} of the tokens this key signs.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * The keys that verify this key's tokens, for a {@link JwtVerifier}.
     *
     * @return a key source holding the public key (or the shared secret)
     */
    public KeySource verificationKeys() {
        return new KeySource(new StaticKeys(List.of(verifierKey)));
    }

    VerifierKey verifierKey() {
        return verifierKey;
    }

    /**
     * The public key as a JWK (RFC 7517) JSON object, for publishing in a JWKS document.
     *
     * @return the public JWK, or empty for HMAC keys, which must never be published
     */
    public java.util.Optional<String> publicJwk() {
        return java.util.Optional.ofNullable(publicJwk).map(JWK::toJSONString);
    }

    /** Signs {@code header.payload} (both already base64url) and returns the signature segment. */
    String sign(String signingInput) {
        byte[] bytes = signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            if (ed25519 != null) {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(ed25519);
                signature.update(bytes);
                return Base64Url.encode(signature.sign());
            }
            return Objects.requireNonNull(nimbus)
                    .sign(new JWSHeader(JWSAlgorithm.parse(algorithm.name())), bytes)
                    .toString();
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", kid=" + keyId + "]";
    }
}
