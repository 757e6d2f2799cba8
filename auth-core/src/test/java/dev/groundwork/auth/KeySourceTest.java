package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.b64;
import static dev.groundwork.auth.TestTokens.claims;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySourceTest {

    @ParameterizedTest
    @CsvSource({"HS256,31", "HS384,47", "HS512,63", "HS256,0"})
    void refusesHmacSecretsShorterThanTheHash(JwsAlgorithm algorithm, int bytes) {
        assertThatThrownBy(() -> KeySource.hmacSecret(algorithm, new byte[bytes]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(algorithm.name())
                .hasMessageContaining(String.valueOf(bytes));
    }

    @Test
    void copiesTheHmacSecretSoLaterChangesDoNotMatter() {
        byte[] secret = TestTokens.secret(32).getEncoded();
        KeySource keys = KeySource.hmacSecret(JwsAlgorithm.HS256, secret);
        String token = sign(JwsAlgorithm.HS256, TestTokens.secret(32), claims(""));
        Arrays.fill(secret, (byte) 0);

        assertThat(TestTokens.verifier(keys, JwsAlgorithm.HS256).verify(token).isVerified())
                .isTrue();
    }

    @Test
    void refusesKeysThatDoNotFitTheAlgorithm() {
        KeyPair rsa = TestTokens.rsa(2048);
        KeyPair p256 = TestTokens.ec("secp256r1");
        assertThatThrownBy(() -> KeySource.publicKey(
                        JwsAlgorithm.RS256, TestTokens.rsa(1024).getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> KeySource.publicKey(JwsAlgorithm.ES384, p256.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-384");
        assertThatThrownBy(() -> KeySource.publicKey(JwsAlgorithm.ES256, rsa.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ECPublicKey");
        assertThatThrownBy(() -> KeySource.publicKey(JwsAlgorithm.HS256, rsa.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HMAC");
        assertThatThrownBy(() -> KeySource.publicKey(JwsAlgorithm.EdDSA, rsa.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> KeySource.hmacSecret(JwsAlgorithm.RS256, new byte[64]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jwkSetKeysVerifyTheirOwnAlgorithmsAndSelectByKid() {
        KeyPair rsa = TestTokens.rsa(2048);
        KeyPair p256 = TestTokens.ec("secp256r1");
        KeyPair ed = TestTokens.ed25519();
        byte[] secret = TestTokens.secret(48).getEncoded();
        String jwks = "{\"keys\":[" + rsaJwk("rsa-1", (RSAPublicKey) rsa.getPublic(), "\"alg\":\"PS256\",")
                + "," + ecJwk("ec-1", (ECPublicKey) p256.getPublic())
                + ",{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed-1\",\"x\":\"" + b64(rawEd25519(ed)) + "\"}"
                + ",{\"kty\":\"oct\",\"kid\":\"hmac-1\",\"k\":\"" + b64(secret) + "\"}]}";
        JwtVerifier verifier = TestTokens.verifier(
                KeySource.jwkSet(jwks),
                JwsAlgorithm.PS256,
                JwsAlgorithm.RS256,
                JwsAlgorithm.ES256,
                JwsAlgorithm.EdDSA,
                JwsAlgorithm.HS384);

        assertThat(verifier.verify(signed(JwsAlgorithm.PS256, rsa, "rsa-1")).isVerified())
                .isTrue();
        assertThat(verifier.verify(signed(JwsAlgorithm.ES256, p256, "ec-1")).isVerified())
                .isTrue();
        assertThat(verifier.verify(signed(JwsAlgorithm.EdDSA, ed, "ed-1")).isVerified())
                .isTrue();
        assertThat(verifier.verify(sign(
                                JwsAlgorithm.HS384,
                                new javax.crypto.spec.SecretKeySpec(secret, "HMAC"),
                                "{\"alg\":\"HS384\",\"kid\":\"hmac-1\"}",
                                claims("")))
                        .isVerified())
                .isTrue();
        // The RSA key declares PS256 only: an RS256 token under its kid finds no key.
        assertThat(((VerificationOutcome.Rejected) verifier.verify(signed(JwsAlgorithm.RS256, rsa, "rsa-1"))).reason())
                .isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
        // Right key, wrong kid.
        assertThat(((VerificationOutcome.Rejected) verifier.verify(signed(JwsAlgorithm.ES256, p256, "ec-2"))).reason())
                .isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
    }

    private static String signed(JwsAlgorithm algorithm, KeyPair pair, String kid) {
        return sign(
                algorithm,
                pair.getPrivate(),
                "{\"alg\":\"" + algorithm.name() + "\",\"kid\":\"" + kid + "\"}",
                claims(""));
    }

    static String rsaJwk(String kid, RSAPublicKey key, String extra) {
        return "{\"kty\":\"RSA\"," + extra + "\"kid\":\"" + kid + "\",\"n\":\"" + b64(unsigned(key.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(key.getPublicExponent())) + "\"}";
    }

    static String ecJwk(String kid, ECPublicKey key) {
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\""
                + b64(fixed(key.getW().getAffineX(), 32)) + "\",\"y\":\""
                + b64(fixed(key.getW().getAffineY(), 32))
                + "\"}";
    }

    static byte[] rawEd25519(KeyPair pair) {
        byte[] der = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(java.math.BigInteger value, int length) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
        return out;
    }

    @Test
    void refusesUnusableJwkSets() {
        KeyPair weak = TestTokens.rsa(1024);
        assertThatThrownBy(() -> KeySource.jwkSet("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySource.jwkSet("{\"keys\":[]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no keys");
        assertThatThrownBy(() ->
                        KeySource.jwkSet("{\"keys\":[" + rsaJwk("weak", (RSAPublicKey) weak.getPublic(), "") + "]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> KeySource.jwkSet(
                        "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"" + b64(new byte[16]) + "\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> KeySource.jwkSet("{\"keys\":["
                        + rsaJwk("enc", (RSAPublicKey) TestTokens.rsa(2048).getPublic(), "\"use\":\"enc\",")
                        + "]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use=enc");
        assertThatThrownBy(() -> KeySource.jwkSet("{\"keys\":["
                        + rsaJwk("hs", (RSAPublicKey) TestTokens.rsa(2048).getPublic(), "\"alg\":\"HS256\",")
                        + "]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
