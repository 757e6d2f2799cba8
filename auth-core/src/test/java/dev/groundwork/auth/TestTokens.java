package dev.groundwork.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds tokens by hand, segment by segment, and signs them with the JDK's own crypto, so tests can make tokens
 * that no JWT library would agree to produce.
 */
final class TestTokens {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ISSUER = "https://id.example.com";
    static final String AUDIENCE = "orders-api";

    private TestTokens() {}

    /** A verifier trusting {@link #ISSUER} with these keys, for {@link #AUDIENCE}, at the fixed {@link #CLOCK}. */
    static JwtVerifier verifier(KeySource keys, JwsAlgorithm... algorithms) {
        return JwtVerifier.builder()
                .issuer(ISSUER, keys)
                .audience(AUDIENCE)
                .algorithms(algorithms)
                .clock(CLOCK)
                .build();
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static long epoch(Instant instant) {
        return instant.getEpochSecond();
    }

    /** A payload valid for {@link #ISSUER} and {@link #AUDIENCE} at {@link #NOW}, plus extra members. */
    static String claims(String extra) {
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"alice\",\"iat\":"
                + epoch(NOW.minusSeconds(10)) + ",\"exp\":" + epoch(NOW.plusSeconds(300))
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String header(JwsAlgorithm algorithm, String extra) {
        return "{\"alg\":\"" + algorithm.name() + "\",\"typ\":\"JWT\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** Signs {@code header.payload} (raw JSON, encoded here) with the key for the algorithm. */
    static String sign(JwsAlgorithm algorithm, Key key, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        return signingInput + "." + b64(signature(algorithm, key, signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    static String sign(JwsAlgorithm algorithm, Key key, String payloadJson) {
        return sign(algorithm, key, header(algorithm, ""), payloadJson);
    }

    static byte[] signature(JwsAlgorithm algorithm, Key key, byte[] input) {
        try {
            switch (algorithm.family()) {
                case HMAC -> {
                    String name = "Hmac" + sha(algorithm).replace("-", "");
                    Mac mac = Mac.getInstance(name);
                    mac.init(new SecretKeySpec(key.getEncoded(), name));
                    return mac.doFinal(input);
                }
                default -> {
                    Signature signature = signer(algorithm);
                    signature.initSign((PrivateKey) key);
                    signature.update(input);
                    return signature.sign();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature signer(JwsAlgorithm algorithm) throws GeneralSecurityException {
        String sha = sha(algorithm);
        return switch (algorithm) {
            case RS256, RS384, RS512 -> Signature.getInstance(sha.replace("-", "") + "withRSA");
            case PS256, PS384, PS512 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                int bytes = Integer.parseInt(sha.substring(4)) / 8;
                pss.setParameter(new PSSParameterSpec(sha, "MGF1", new MGF1ParameterSpec(sha), bytes, 1));
                yield pss;
            }
            case ES256, ES384, ES512 -> Signature.getInstance(sha.replace("-", "") + "withECDSAinP1363Format");
            case EdDSA -> Signature.getInstance("Ed25519");
            default -> throw new IllegalArgumentException(algorithm.name());
        };
    }

    private static String sha(JwsAlgorithm algorithm) {
        String name = algorithm.name();
        return name.equals("EdDSA") ? "" : "SHA-" + name.substring(2);
    }

    static SecretKeySpec secret(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 31 + 7);
        }
        return new SecretKeySpec(key, "HMAC");
    }

    static KeyPair rsa(int bits) {
        return generate("RSA", bits);
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
