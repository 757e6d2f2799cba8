package dev.groundwork.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.groundwork.auth.JwsAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * One verification key, bound to the algorithms it may verify. Its nimbus verifier is built once, here, and reused
 * for every token. Immutable; thread-safe.
 */
public final class VerifierKey {
    /** The smallest RSA modulus accepted (NIST SP 800-131A). */
    public static final int MIN_RSA_BITS = 2048;

    /** One minimal header per algorithm: the verifier reads only {@code alg}; crit is checked before. */
    private static final Map<JwsAlgorithm, JWSHeader> HEADERS = new EnumMap<>(JwsAlgorithm.class);

    static {
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            HEADERS.put(algorithm, new JWSHeader(JWSAlgorithm.parse(algorithm.name())));
        }
    }

    private final @Nullable String kid;
    private final Set<JwsAlgorithm> algorithms;
    private final @Nullable JWSVerifier nimbus;
    private final @Nullable PublicKey ed25519;
    /** Initialised MACs, one per allowed algorithm; never used directly, only cloned. */
    private final @Nullable Map<JwsAlgorithm, Mac> hmacPrototypes;
    /** RSA: per algorithm, each thread's Signature already initialised for verification with this key. */
    private final @Nullable Map<JwsAlgorithm, ThreadLocal<Signature>> rsaSignatures;

    private final int rsaModulusBytes;

    private VerifierKey(
            @Nullable String kid,
            Set<JwsAlgorithm> algorithms,
            @Nullable JWSVerifier nimbus,
            @Nullable PublicKey ed25519,
            @Nullable Map<JwsAlgorithm, Mac> hmacPrototypes,
            @Nullable Map<JwsAlgorithm, ThreadLocal<Signature>> rsaSignatures,
            int rsaModulusBytes) {
        this.kid = kid;
        this.algorithms = algorithms;
        this.nimbus = nimbus;
        this.ed25519 = ed25519;
        this.hmacPrototypes = hmacPrototypes;
        this.rsaSignatures = rsaSignatures;
        this.rsaModulusBytes = rsaModulusBytes;
    }

    @Nullable
    public String kid() {
        return kid;
    }

    public boolean supports(JwsAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    public Set<JwsAlgorithm> algorithms() {
        return algorithms;
    }

    /** Verifies; the signature segment has already passed strict base64url checks. */
    public boolean verify(JwsAlgorithm algorithm, byte[] signingInput, CharSequence token, int sigFrom, int sigTo) {
        if (!algorithms.contains(algorithm)) {
            return false;
        }
        try {
            if (hmacPrototypes != null) {
                byte[] signature = Base64Url.decode(token, sigFrom, sigTo);
                Mac mac = (Mac)
                        Objects.requireNonNull(hmacPrototypes.get(algorithm)).clone();
                // Constant-time comparison (MessageDigest.isEqual), as RFC 7515 §10.7 asks.
                return signature != null && MessageDigest.isEqual(mac.doFinal(signingInput), signature);
            }
            if (rsaSignatures != null) {
                return verifyRsa(
                        Objects.requireNonNull(rsaSignatures.get(algorithm)),
                        signingInput,
                        Base64Url.decode(token, sigFrom, sigTo));
            }
            if (ed25519 != null) {
                byte[] signature = Base64Url.decode(token, sigFrom, sigTo);
                if (signature == null || signature.length != 64) {
                    return false;
                }
                Signature eddsa = Signature.getInstance("Ed25519");
                eddsa.initVerify(ed25519);
                eddsa.update(signingInput);
                return eddsa.verify(signature);
            }
            JWSVerifier verifier = nimbus;
            return verifier != null
                    && verifier.verify(
                            HEADERS.get(algorithm),
                            signingInput,
                            new Base64URL(token.subSequence(sigFrom, sigTo).toString()));
        } catch (JOSEException | GeneralSecurityException | CloneNotSupportedException | RuntimeException e) {
            // A signature the provider cannot even parse is simply not a valid signature.
            return false;
        }
    }

    private boolean verifyRsa(ThreadLocal<Signature> perThread, byte[] signingInput, byte @Nullable [] signature) {
        if (signature == null || signature.length != rsaModulusBytes) {
            return false;
        }
        Signature verifier = perThread.get();
        try {
            verifier.update(signingInput);
            // verify() resets the object to its initVerify state, ready for this thread's next token.
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // The state after a failed verify is unspecified: start this thread afresh next time.
            perThread.remove();
            return false;
        }
    }

    public static int minimumHmacBytes(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case HS256 -> 32;
            case HS384 -> 48;
            case HS512 -> 64;
            default -> throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
        };
    }

    public static VerifierKey hmac(@Nullable String kid, JwsAlgorithm algorithm, byte[] secret) {
        if (algorithm.family() != JwsAlgorithm.Family.HMAC) {
            throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm; use a public key");
        }
        int minimum = minimumHmacBytes(algorithm);
        if (secret.length < minimum) {
            throw new IllegalArgumentException(algorithm + " needs a secret of at least " + minimum
                    + " bytes (RFC 7518 §3.2); got " + secret.length);
        }
        return hmacKey(kid, EnumSet.of(algorithm), secret);
    }

    /**
     * HMAC is verified with the JDK's {@link Mac} directly: nimbus's {@code MACVerifier} looks the MAC provider up
     * on every call; bypassing it took HS256 verification from 459 to 607 ops/ms here (JMH, one run). Each
     * algorithm gets one initialised prototype that is cloned per call, so the hot path neither looks up providers
     * nor re-keys.
     */
    private static VerifierKey hmacKey(@Nullable String kid, Set<JwsAlgorithm> algorithms, byte[] secret) {
        Map<JwsAlgorithm, Mac> prototypes = new EnumMap<>(JwsAlgorithm.class);
        try {
            for (JwsAlgorithm algorithm : algorithms) {
                String name = "Hmac" + algorithm.name().replace("HS", "SHA");
                Mac mac = Mac.getInstance(name);
                mac.init(new SecretKeySpec(secret, name));
                // Fail here, at build time, if this provider's MACs cannot be cloned.
                Objects.requireNonNull(mac.clone());
                prototypes.put(algorithm, mac);
            }
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalArgumentException("HMAC is unavailable: " + e.getMessage(), e);
        }
        return new VerifierKey(kid, algorithms, null, null, prototypes, null, 0);
    }

    public static VerifierKey publicKey(@Nullable String kid, JwsAlgorithm algorithm, Key key) {
        return switch (algorithm.family()) {
            case HMAC ->
                throw new IllegalArgumentException(
                        algorithm + " is an HMAC algorithm; give its secret, not a public key");
            case RSA -> rsa(kid, EnumSet.of(algorithm), requireType(key, RSAPublicKey.class, algorithm));
            case EC -> ec(kid, algorithm, requireType(key, ECPublicKey.class, algorithm));
            case EDDSA -> ed25519(kid, requireType(key, PublicKey.class, algorithm));
        };
    }

    private static <K> K requireType(Key key, Class<K> type, JwsAlgorithm algorithm) {
        if (!type.isInstance(key)) {
            throw new IllegalArgumentException(
                    algorithm + " needs a " + type.getSimpleName() + ", got a " + key.getAlgorithm() + " key");
        }
        return type.cast(key);
    }

    /**
     * RSA is verified with the JDK's {@link Signature}, one per thread already initialised with the key: nimbus's
     * {@code RSASSAVerifier} looks the provider up and re-initialises on every call.
     */
    private static VerifierKey rsa(@Nullable String kid, Set<JwsAlgorithm> algorithms, RSAPublicKey key) {
        int bits = key.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                    "RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has " + bits);
        }
        Map<JwsAlgorithm, ThreadLocal<Signature>> signatures = new EnumMap<>(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : algorithms) {
            newRsaVerifier(algorithm, key); // Fail at build time if the JDK lacks the algorithm.
            signatures.put(algorithm, ThreadLocal.withInitial(() -> newRsaVerifier(algorithm, key)));
        }
        return new VerifierKey(kid, algorithms, null, null, null, signatures, (bits + 7) / 8);
    }

    private static Signature newRsaVerifier(JwsAlgorithm algorithm, RSAPublicKey key) {
        String hash = "SHA-" + algorithm.name().substring(2);
        try {
            Signature signature;
            if (algorithm.name().startsWith("PS")) {
                // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output.
                signature = Signature.getInstance("RSASSA-PSS");
                int saltBytes = Integer.parseInt(algorithm.name().substring(2)) / 8;
                signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltBytes, 1));
            } else {
                signature = Signature.getInstance(hash.replace("-", "") + "withRSA");
            }
            signature.initVerify(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static VerifierKey ec(@Nullable String kid, JwsAlgorithm algorithm, ECPublicKey key) {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        JwsAlgorithm expected = curve == null ? null : ecAlgorithm(curve);
        if (expected != algorithm) {
            throw new IllegalArgumentException(algorithm + " needs a key on " + curveOf(algorithm) + ", got "
                    + (curve == null ? "an unsupported curve" : curve.getName()));
        }
        try {
            return new VerifierKey(kid, EnumSet.of(algorithm), new ECDSAVerifier(key), null, null, null, 0);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable EC key: " + e.getMessage(), e);
        }
    }

    private static VerifierKey ed25519(@Nullable String kid, PublicKey key) {
        try {
            Ed25519Keys.toRaw(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("EdDSA needs an Ed25519 public key: " + e.getMessage(), e);
        }
        return new VerifierKey(kid, EnumSet.of(JwsAlgorithm.EdDSA), null, key, null, null, 0);
    }

    private static @Nullable JwsAlgorithm ecAlgorithm(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return JwsAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JwsAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return JwsAlgorithm.ES512;
        }
        return null;
    }

    private static String curveOf(JwsAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> "P-256";
            case ES384 -> "P-384";
            default -> "P-521";
        };
    }

    /**
     * A key from a JWK. Its {@code alg}, when present, is the only algorithm it verifies; without one, every
     * algorithm its key type and size allow. Keys marked {@code "use":"enc"} are refused.
     */
    public static VerifierKey fromJwk(JWK jwk) {
        String kid = jwk.getKeyID();
        if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("JWK " + kid + " is an encryption key (use=enc)");
        }
        JwsAlgorithm declared = null;
        if (jwk.getAlgorithm() != null) {
            declared = JwsAlgorithm.fromHeader(jwk.getAlgorithm().getName())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "JWK " + kid + " declares unsupported alg " + jwk.getAlgorithm()));
        }
        try {
            if (jwk instanceof RSAKey rsa) {
                Set<JwsAlgorithm> algorithms = declared != null
                        ? EnumSet.of(declared)
                        : EnumSet.of(
                                JwsAlgorithm.RS256,
                                JwsAlgorithm.RS384,
                                JwsAlgorithm.RS512,
                                JwsAlgorithm.PS256,
                                JwsAlgorithm.PS384,
                                JwsAlgorithm.PS512);
                if (declared != null && declared.family() != JwsAlgorithm.Family.RSA) {
                    throw new IllegalArgumentException("JWK " + kid + " is an RSA key but declares " + declared);
                }
                return rsa(kid, algorithms, rsa.toRSAPublicKey());
            }
            if (jwk instanceof ECKey ecKey) {
                JwsAlgorithm byCurve = ecAlgorithm(ecKey.getCurve());
                if (byCurve == null || (declared != null && declared != byCurve)) {
                    throw new IllegalArgumentException(
                            "JWK " + kid + " on curve " + ecKey.getCurve() + " cannot verify " + declared);
                }
                return ec(kid, byCurve, ecKey.toECPublicKey());
            }
            if (jwk instanceof OctetKeyPair okp) {
                if (!Curve.Ed25519.equals(okp.getCurve()) || (declared != null && declared != JwsAlgorithm.EdDSA)) {
                    throw new IllegalArgumentException("JWK " + kid + " is an OKP key on " + okp.getCurve()
                            + "; only Ed25519 with EdDSA is supported");
                }
                return ed25519(kid, Ed25519Keys.fromRaw(okp.getDecodedX()));
            }
            if (jwk instanceof OctetSequenceKey oct) {
                byte[] secret = oct.toByteArray();
                if (declared != null) {
                    return hmac(kid, declared, secret);
                }
                Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
                for (JwsAlgorithm candidate : EnumSet.of(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512)) {
                    if (secret.length >= minimumHmacBytes(candidate)) {
                        algorithms.add(candidate);
                    }
                }
                if (algorithms.isEmpty()) {
                    throw new IllegalArgumentException("JWK " + kid + " is an HMAC secret of " + secret.length
                            + " bytes, shorter than any HMAC algorithm allows (32 for HS256)");
                }
                return hmacKey(kid, algorithms, secret);
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable JWK " + kid + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("JWK " + kid + " has unsupported key type " + jwk.getKeyType());
    }
}
