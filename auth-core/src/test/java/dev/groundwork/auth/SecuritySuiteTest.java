package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.b64;
import static dev.groundwork.auth.TestTokens.claims;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-token suite: each attack is built by hand, segment by segment, and must be refused with its own
 * reason. Tokens are signed with the right key wherever the attack is not about the signature, so the reason
 * asserted is the one check under test.
 */
class SecuritySuiteTest {
    private static KeyPair rsa;
    private static KeyPair attackerRsa;
    private static KeyPair p256;
    private static SecretKey secret;
    private static JwtVerifier rsaVerifier;
    private static JwtVerifier hmacVerifier;
    private static JwtVerifier kidBoundVerifier;
    private static JwtVerifier ecVerifier;
    private static HttpServer keyServer;
    private static final AtomicInteger KEY_SERVER_REQUESTS = new AtomicInteger();

    @BeforeAll
    static void setUp() throws IOException {
        rsa = TestTokens.rsa(2048);
        attackerRsa = TestTokens.rsa(2048);
        p256 = TestTokens.ec("secp256r1");
        secret = TestTokens.secret(32);
        rsaVerifier = TestTokens.verifier(KeySource.publicKey(JwsAlgorithm.RS256, rsa.getPublic()), JwsAlgorithm.RS256);
        hmacVerifier =
                TestTokens.verifier(KeySource.hmacSecret(JwsAlgorithm.HS256, secret.getEncoded()), JwsAlgorithm.HS256);
        kidBoundVerifier = TestTokens.verifier(
                KeySource.hmacSecret("key-1", JwsAlgorithm.HS256, secret.getEncoded()), JwsAlgorithm.HS256);
        ecVerifier = TestTokens.verifier(KeySource.publicKey(JwsAlgorithm.ES256, p256.getPublic()), JwsAlgorithm.ES256);
        keyServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keyServer.createContext("/", exchange -> {
            KEY_SERVER_REQUESTS.incrementAndGet();
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyServer.start();
    }

    @AfterAll
    static void tearDown() {
        keyServer.stop(0);
    }

    private static VerificationOutcome.Reason reason(JwtVerifier verifier, String token) {
        VerificationOutcome verification = verifier.verify(token);
        assertThat(verification).isInstanceOf(VerificationOutcome.Rejected.class);
        return ((VerificationOutcome.Rejected) verification).reason();
    }

    private static String hs256(String header, String payload) {
        return sign(JwsAlgorithm.HS256, secret, header, payload);
    }

    @Test
    void validTokenIsTheBaseline() {
        assertThat(hmacVerifier.verify(hs256("{\"alg\":\"HS256\"}", claims(""))).isVerified())
                .isTrue();
        assertThat(rsaVerifier
                        .verify(sign(JwsAlgorithm.RS256, rsa.getPrivate(), claims("")))
                        .isVerified())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void refusesAlgNoneWithEmptyOrJunkSignature(String none) {
        String unsigned = b64("{\"alg\":\"" + none + "\"}") + "." + b64(claims("")) + ".";
        String junk = unsigned + b64("junk");

        assertThat(reason(hmacVerifier, unsigned)).isEqualTo(VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM);
        assertThat(reason(hmacVerifier, junk)).isEqualTo(VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesHs256MacedWithTheRsaPublicKey() {
        RSAPublicKey publicKey = (RSAPublicKey) rsa.getPublic();
        byte[] der = publicKey.getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        String jwk = "{\"kty\":\"RSA\",\"n\":\"" + b64(publicKey.getModulus().toByteArray()) + "\",\"e\":\"AQAB\"}";
        JwtVerifier lenient = TestTokens.verifier(
                KeySource.publicKey(JwsAlgorithm.RS256, publicKey), JwsAlgorithm.RS256, JwsAlgorithm.HS256);

        for (byte[] confusedSecret :
                new byte[][] {der, pem.getBytes(StandardCharsets.US_ASCII), jwk.getBytes(StandardCharsets.UTF_8)}) {
            String forged = sign(
                    JwsAlgorithm.HS256,
                    new javax.crypto.spec.SecretKeySpec(confusedSecret, "HMAC"),
                    "{\"alg\":\"HS256\"}",
                    claims(""));
            // Even where HS256 is allowed, an RSA key never acts as an HMAC secret.
            assertThat(reason(lenient, forged)).isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
            assertThat(reason(rsaVerifier, forged)).isEqualTo(VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void refusesPsychicEcdsaSignatures() {
        BigInteger n = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        byte[] order = Arrays.copyOfRange(n.toByteArray(), n.toByteArray().length - 32, n.toByteArray().length);
        byte[] one = new byte[32];
        one[31] = 1;
        String signingInput = b64("{\"alg\":\"ES256\"}") + "." + b64(claims(""));
        byte[][] signatures = {
            new byte[64], // r = s = 0
            concat(order, one), // r = n
            concat(one, order), // s = n
            concat(order, order),
            Base64.getDecoder().decode("MAYCAQACAQA="), // DER SEQUENCE { 0, 0 }
            new byte[63],
            new byte[65]
        };
        for (byte[] signature : signatures) {
            assertThat(reason(ecVerifier, signingInput + "." + b64(signature)))
                    .as("signature %s", Arrays.toString(signature))
                    .isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../dev/null", "/etc/passwd", "' OR 1=1--", "key-1\\u0000", "KEY-1", ""})
    void refusesHostileKeyIdsAsUnknownKeys(String kid) {
        String token = hs256("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", claims(""));

        assertThat(reason(kidBoundVerifier, token)).isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
    }

    @Test
    void refusesOversizedOrNonStringKeyIds() {
        String huge = hs256("{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(3000) + "\"}", claims(""));
        String numeric = hs256("{\"alg\":\"HS256\",\"kid\":1}", claims(""));

        assertThat(reason(kidBoundVerifier, huge)).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(kidBoundVerifier, numeric)).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(kidBoundVerifier
                        .verify(hs256("{\"alg\":\"HS256\",\"kid\":\"key-1\"}", claims("")))
                        .isVerified())
                .isTrue();
    }

    @Test
    void neverTrustsKeysNamedOrEmbeddedInTheHeader() {
        RSAPublicKey attackerKey = (RSAPublicKey) attackerRsa.getPublic();
        String embeddedJwk =
                "{\"kty\":\"RSA\",\"n\":\"" + b64(attackerKey.getModulus().toByteArray()) + "\",\"e\":\"AQAB\"}";
        String url = "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/jwks.json";
        String[] headers = {
            "{\"alg\":\"RS256\",\"jwk\":" + embeddedJwk + "}",
            "{\"alg\":\"RS256\",\"jku\":\"" + url + "\"}",
            "{\"alg\":\"RS256\",\"x5u\":\"" + url + "\"}",
            "{\"alg\":\"RS256\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(attackerKey.getEncoded()) + "\"]}"
        };
        for (String header : headers) {
            String forged = sign(JwsAlgorithm.RS256, attackerRsa.getPrivate(), header, claims(""));
            assertThat(reason(rsaVerifier, forged)).as(header).isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
        }
        assertThat(KEY_SERVER_REQUESTS).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"crit\":[\"x-mfa\"],\"x-mfa\":true",
                "\"crit\":[\"exp\"]",
                "\"crit\":[]",
                "\"crit\":[\"b64\"],\"b64\":false",
                "\"crit\":\"x\""
            })
    void refusesCriticalHeadersItDoesNotUnderstand(String crit) {
        String token = hs256("{\"alg\":\"HS256\"," + crit + "}", claims(""));

        assertThat(reason(hmacVerifier, token)).isEqualTo(VerificationOutcome.Reason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void refusesTokensOverTheSizeLimitBeforeParsing() {
        String justOver = "a".repeat(JwtVerifier.DEFAULT_MAX_TOKEN_LENGTH + 1);
        String eightMegabytes =
                hs256("{\"alg\":\"HS256\"}", claims("\"blob\":\"" + "x".repeat(8 * 1024 * 1024) + "\""));

        assertThat(reason(hmacVerifier, justOver)).isEqualTo(VerificationOutcome.Reason.TOO_LARGE);
        assertThat(reason(hmacVerifier, eightMegabytes)).isEqualTo(VerificationOutcome.Reason.TOO_LARGE);
    }

    @Test
    void refusesDeeplyNestedJson() {
        String deepPayload = claims("\"n\":" + "[".repeat(2000) + "]".repeat(2000));
        String deepHeader = "{\"alg\":\"HS256\",\"x\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}";

        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\"}", deepPayload)))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256(deepHeader, claims("")))).isEqualTo(VerificationOutcome.Reason.MALFORMED);
    }

    @Test
    void acceptsNestingUpToThirtyTwoLevelsAndNoDeeper() {
        // The payload object is level 1, so 31 nested arrays reach level 32.
        String atLimit = claims("\"n\":" + "[".repeat(31) + "]".repeat(31));
        String overLimit = claims("\"n\":" + "[".repeat(32) + "]".repeat(32));

        assertThat(hmacVerifier.verify(hs256("{\"alg\":\"HS256\"}", atLimit)).isVerified())
                .isTrue();
        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\"}", overLimit)))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
    }

    @Test
    void refusesDuplicateMemberNames() {
        String duplicateSubject = claims("").replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\"");
        String duplicateExpiry = claims("\"exp\":" + epoch(NOW.plusSeconds(999_999)));
        String duplicateAlg = "{\"alg\":\"HS256\",\"alg\":\"none\"}";

        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\"}", duplicateSubject)))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\"}", duplicateExpiry)))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256(duplicateAlg, claims(""))))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
    }

    @Test
    void refusesTheWrongType() {
        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", claims(""))))
                .isEqualTo(VerificationOutcome.Reason.WRONG_TYPE);
        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\",\"typ\":\"JOSE+JSON\"}", claims(""))))
                .isEqualTo(VerificationOutcome.Reason.WRONG_TYPE);
    }

    @Test
    void refusesTimeAndIdentityClaimFailuresEachWithItsReason() {
        String header = "{\"alg\":\"HS256\"}";
        String base = "\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\"";
        assertThat(reason(hmacVerifier, hs256(header, "{" + base + "}")))
                .isEqualTo(VerificationOutcome.Reason.MISSING_CLAIM);
        assertThat(reason(hmacVerifier, hs256(header, "{" + base + ",\"exp\":" + epoch(NOW.minusSeconds(61)) + "}")))
                .isEqualTo(VerificationOutcome.Reason.EXPIRED);
        assertThat(reason(hmacVerifier, hs256(header, claims("\"nbf\":" + epoch(NOW.plusSeconds(3600))))))
                .isEqualTo(VerificationOutcome.Reason.NOT_YET_VALID);
        assertThat(reason(
                        hmacVerifier,
                        hs256(
                                header,
                                claims("")
                                        .replace(
                                                "\"iat\":" + epoch(NOW.minusSeconds(10)),
                                                "\"iat\":" + epoch(NOW.plusSeconds(3600))))))
                .isEqualTo(VerificationOutcome.Reason.ISSUED_IN_FUTURE);
        assertThat(reason(hmacVerifier, hs256(header, claims("").replace(ISSUER, ISSUER + "/"))))
                .isEqualTo(VerificationOutcome.Reason.WRONG_ISSUER);
        assertThat(reason(hmacVerifier, hs256(header, claims("").replace(AUDIENCE, "billing-api"))))
                .isEqualTo(VerificationOutcome.Reason.WRONG_AUDIENCE);
    }

    @Test
    void refusesATamperedPayloadWithTheOriginalSignature() {
        String token = hs256("{\"alg\":\"HS256\"}", claims("\"admin\":false"));
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + b64(claims("\"admin\":true")) + "." + parts[2];
        String emptySignature = parts[0] + "." + parts[1] + ".";

        assertThat(reason(hmacVerifier, tampered)).isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
        assertThat(reason(hmacVerifier, emptySignature)).isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesEveryTruncationOfAValidToken() {
        String token = hs256("{\"alg\":\"HS256\"}", claims(""));
        for (int length = 0; length < token.length(); length++) {
            assertThat(reason(hmacVerifier, token.substring(0, length)))
                    .as("prefix of %d characters", length)
                    .isIn(VerificationOutcome.Reason.MALFORMED, VerificationOutcome.Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void refusesSegmentsThatAreNotCanonicalBase64Url() {
        String token = hs256("{\"alg\":\"HS256\"}", claims(""));
        String[] parts = token.split("\\.");
        String[] variants = {
            parts[0] + "=." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2] + "=",
            parts[0].replace('e', '+') + "." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1].substring(0, 10) + "/" + parts[1].substring(11) + "." + parts[2],
            parts[0] + " ." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42) + "é",
            // The signature's last character with non-zero unused bits: same bytes, a second spelling.
            parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42) + nonCanonical(parts[2].charAt(42))
        };
        for (String variant : variants) {
            assertThat(reason(hmacVerifier, variant)).as(variant).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        }
    }

    private static char nonCanonical(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) | 1);
    }

    @Test
    void refusesJweAndOtherShapes() {
        String jwe = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".a.b.c.d";

        assertThat(reason(hmacVerifier, jwe)).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, "a.b")).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, "....")).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, "")).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, null)).isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256("[\"HS256\"]", claims(""))))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256("{\"alg\":256}", claims(""))))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256("{\"typ\":\"JWT\"}", claims(""))))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        assertThat(reason(hmacVerifier, hs256("{\"alg\":\"HS256\"}", "\"just a string\"")))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
        String invalidUtf8 = b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
        assertThat(reason(hmacVerifier, b64("{\"alg\":\"HS256\"}") + "." + invalidUtf8 + ".AAAA"))
                .isEqualTo(VerificationOutcome.Reason.MALFORMED);
    }

    @Test
    void rejectionDetailsNeverEchoClaimValues() {
        String secretValue = "s3cr3t-claim-value";
        VerificationOutcome verification = hmacVerifier.verify(hs256(
                "{\"alg\":\"HS256\"}", claims("").replace(AUDIENCE, secretValue).replace(ISSUER, ISSUER)));

        assertThat(((VerificationOutcome.Rejected) verification).detail()).doesNotContain(secretValue);
    }
}
