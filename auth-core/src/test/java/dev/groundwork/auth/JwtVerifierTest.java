package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.CLOCK;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.claims;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Key;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtVerifierTest {
    private static final Map<JwsAlgorithm, Key> SIGNING = new EnumMap<>(JwsAlgorithm.class);
    private static final Map<JwsAlgorithm, KeySource> KEYS = new EnumMap<>(JwsAlgorithm.class);
    private static SecretKey hs256;

    @BeforeAll
    static void keys() {
        hs256 = TestTokens.secret(32);
        SecretKey hs384 = TestTokens.secret(48);
        SecretKey hs512 = TestTokens.secret(64);
        KeyPair rsa = TestTokens.rsa(2048);
        KeyPair p256 = TestTokens.ec("secp256r1");
        KeyPair p384 = TestTokens.ec("secp384r1");
        KeyPair p521 = TestTokens.ec("secp521r1");
        KeyPair ed = TestTokens.ed25519();
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            switch (algorithm) {
                case HS256 -> hmac(algorithm, hs256);
                case HS384 -> hmac(algorithm, hs384);
                case HS512 -> hmac(algorithm, hs512);
                case RS256, RS384, RS512, PS256, PS384, PS512 -> pair(algorithm, rsa);
                case ES256 -> pair(algorithm, p256);
                case ES384 -> pair(algorithm, p384);
                case ES512 -> pair(algorithm, p521);
                case EdDSA -> pair(algorithm, ed);
            }
        }
    }

    private static void hmac(JwsAlgorithm algorithm, SecretKey secret) {
        SIGNING.put(algorithm, secret);
        KEYS.put(algorithm, KeySource.hmacSecret(algorithm, secret.getEncoded()));
    }

    private static void pair(JwsAlgorithm algorithm, KeyPair pair) {
        SIGNING.put(algorithm, pair.getPrivate());
        KEYS.put(algorithm, KeySource.publicKey(algorithm, pair.getPublic()));
    }

    private static JwtVerifier.Builder hs256Verifier() {
        return JwtVerifier.builder()
                .issuer(ISSUER, KEYS.get(JwsAlgorithm.HS256))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.HS256)
                .clock(CLOCK);
    }

    private static String hs256(String payload) {
        return sign(JwsAlgorithm.HS256, hs256, payload);
    }

    private static VerificationOutcome.Reason rejection(VerificationOutcome verification) {
        assertThat(verification).isInstanceOf(VerificationOutcome.Rejected.class);
        return ((VerificationOutcome.Rejected) verification).reason();
    }

    private static AccessToken accepted(VerificationOutcome verification) {
        assertThat(verification).isInstanceOf(VerificationOutcome.Verified.class);
        return ((VerificationOutcome.Verified) verification).token();
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void verifiesTokensOfEveryAlgorithm(JwsAlgorithm algorithm) {
        JwtVerifier verifier = TestTokens.verifier(KEYS.get(algorithm), algorithm);
        String token = sign(algorithm, SIGNING.get(algorithm), claims("\"jti\":\"t-1\",\"scope\":\"read write\""));

        AccessToken verified = accepted(verifier.verify(token));

        assertThat(verified.algorithm()).isEqualTo(algorithm);
        assertThat(verified.issuer()).isEqualTo(ISSUER);
        assertThat(verified.subject()).contains("alice");
        assertThat(verified.audience()).containsExactly(AUDIENCE);
        assertThat(verified.jwtId()).contains("t-1");
        assertThat(verified.expiresAt()).contains(Instant.ofEpochSecond(epoch(NOW.plusSeconds(300))));
        assertThat(verified.scopes()).containsExactly("read", "write");
        assertThat(verified.compact()).isEqualTo(token);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void rejectsTamperedPayloadUnderEveryAlgorithm(JwsAlgorithm algorithm) {
        JwtVerifier verifier = TestTokens.verifier(KEYS.get(algorithm), algorithm);
        String token = sign(algorithm, SIGNING.get(algorithm), claims("\"role\":\"user\""));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + TestTokens.b64(claims("\"role\":\"admin\"")) + "." + parts[2];

        assertThat(rejection(verifier.verify(forged))).isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
    }

    @Test
    void rejectsAlgorithmOutsideTheAllowList() {
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(ISSUER, KEYS.get(JwsAlgorithm.RS256))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.RS256)
                .clock(CLOCK)
                .build();
        String ps256 = sign(JwsAlgorithm.PS256, SIGNING.get(JwsAlgorithm.PS256), claims(""));

        assertThat(rejection(verifier.verify(ps256))).isEqualTo(VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void expiryHonoursClockSkewExactly() {
        JwtVerifier verifier = hs256Verifier().clockSkew(Duration.ofSeconds(30)).build();
        String justInsideSkew = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                + epoch(NOW.minusSeconds(29)) + "}");
        String atSkew = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                + epoch(NOW.minusSeconds(30)) + "}");

        assertThat(verifier.verify(justInsideSkew).isVerified()).isTrue();
        assertThat(rejection(verifier.verify(atSkew))).isEqualTo(VerificationOutcome.Reason.EXPIRED);
    }

    @Test
    void rejectsTokenNotYetValidOrIssuedInTheFuture() {
        JwtVerifier verifier = hs256Verifier().build();
        String nbf = hs256(claims("\"nbf\":" + epoch(NOW.plusSeconds(61))));
        String nbfInSkew = hs256(claims("\"nbf\":" + epoch(NOW.plusSeconds(59))));
        String iat = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                + epoch(NOW.plusSeconds(600)) + ",\"iat\":" + epoch(NOW.plusSeconds(120)) + "}");

        assertThat(rejection(verifier.verify(nbf))).isEqualTo(VerificationOutcome.Reason.NOT_YET_VALID);
        assertThat(verifier.verify(nbfInSkew).isVerified()).isTrue();
        assertThat(rejection(verifier.verify(iat))).isEqualTo(VerificationOutcome.Reason.ISSUED_IN_FUTURE);
    }

    @Test
    void requiresExpirationUnlessToldOtherwise() {
        String noExp = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\"}");

        assertThat(rejection(hs256Verifier().build().verify(noExp)))
                .isEqualTo(VerificationOutcome.Reason.MISSING_CLAIM);
        assertThat(accepted(hs256Verifier().allowMissingExpiration().build().verify(noExp))
                        .expiresAt())
                .isEmpty();
    }

    @Test
    void readsFractionalNumericDatesAndRefusesOtherTypes() {
        JwtVerifier verifier = hs256Verifier().build();
        String fractional = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                + epoch(NOW.plusSeconds(60)) + ".5}");
        String text = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":\"tomorrow\"}");
        String absurd = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":1e300}");
        String negativeAbsurd = hs256("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":-1e300}");

        assertThat(accepted(verifier.verify(fractional)).expiresAt())
                .contains(Instant.ofEpochSecond(epoch(NOW.plusSeconds(60)), 500_000_000));
        assertThat(rejection(verifier.verify(text))).isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
        assertThat(rejection(verifier.verify(absurd))).isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
        assertThat(rejection(verifier.verify(negativeAbsurd))).isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
    }

    @Test
    void checksIssuerBeforeAnyKeyLookup() {
        JwtVerifier verifier = hs256Verifier().build();
        // Signed with a key the verifier does not have: the issuer check must answer first.
        String foreign =
                sign(JwsAlgorithm.HS256, TestTokens.secret(40), claims("").replace(ISSUER, "https://evil.example.com"));
        String noIssuer = hs256("{\"aud\":\"" + AUDIENCE + "\",\"exp\":" + epoch(NOW.plusSeconds(60)) + "}");
        String numericIssuer = hs256(claims("").replace("\"" + ISSUER + "\"", "42"));

        assertThat(rejection(verifier.verify(foreign))).isEqualTo(VerificationOutcome.Reason.WRONG_ISSUER);
        assertThat(rejection(verifier.verify(noIssuer))).isEqualTo(VerificationOutcome.Reason.WRONG_ISSUER);
        assertThat(rejection(verifier.verify(numericIssuer))).isEqualTo(VerificationOutcome.Reason.WRONG_ISSUER);
    }

    @Test
    void checksAudienceAsStringOrArray() {
        JwtVerifier verifier = hs256Verifier().build();
        String inArray = hs256(claims("").replace("\"" + AUDIENCE + "\"", "[\"billing\",\"" + AUDIENCE + "\"]"));
        String wrong = hs256(claims("").replace("\"" + AUDIENCE + "\"", "\"billing\""));
        String missing = hs256("{\"iss\":\"" + ISSUER + "\",\"exp\":" + epoch(NOW.plusSeconds(60)) + "}");
        String mixed = hs256(claims("").replace("\"" + AUDIENCE + "\"", "[\"" + AUDIENCE + "\",7]"));

        assertThat(accepted(verifier.verify(inArray)).audience()).containsExactly("billing", AUDIENCE);
        assertThat(rejection(verifier.verify(wrong))).isEqualTo(VerificationOutcome.Reason.WRONG_AUDIENCE);
        assertThat(rejection(verifier.verify(missing))).isEqualTo(VerificationOutcome.Reason.MISSING_CLAIM);
        assertThat(rejection(verifier.verify(mixed))).isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
        JwtVerifier anyAudience = JwtVerifier.builder()
                .issuer(ISSUER, KEYS.get(JwsAlgorithm.HS256))
                .anyAudience()
                .algorithms(JwsAlgorithm.HS256)
                .clock(CLOCK)
                .build();
        assertThat(anyAudience.verify(wrong).isVerified()).isTrue();
        assertThat(anyAudience.verify(missing).isVerified()).isTrue();
    }

    @Test
    void enforcesRequiredClaimsAndClaimTypes() {
        JwtVerifier verifier = hs256Verifier().requireClaims("jti", "tenant").build();
        String missingTenant = hs256(claims("\"jti\":\"1\""));
        String nullTenant = hs256(claims("\"jti\":\"1\",\"tenant\":null"));
        String complete = hs256(claims("\"jti\":\"1\",\"tenant\":\"acme\""));
        String numericSubject =
                hs256(claims("\"jti\":\"1\",\"tenant\":\"acme\"").replace("\"alice\"", "12"));

        assertThat(rejection(verifier.verify(missingTenant))).isEqualTo(VerificationOutcome.Reason.MISSING_CLAIM);
        assertThat(rejection(verifier.verify(nullTenant))).isEqualTo(VerificationOutcome.Reason.MISSING_CLAIM);
        assertThat(accepted(verifier.verify(complete)).claim("tenant", String.class))
                .contains("acme");
        assertThat(rejection(verifier.verify(numericSubject))).isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
    }

    @Test
    void acceptsOnlyTheConfiguredTypes() {
        JwtVerifier defaults = hs256Verifier().build();
        JwtVerifier accessTokens = hs256Verifier().types("at+jwt").build();
        String jwt = hs256(claims(""));
        String at = sign(JwsAlgorithm.HS256, hs256, "{\"alg\":\"HS256\",\"typ\":\"application/AT+JWT\"}", claims(""));
        String untyped = sign(JwsAlgorithm.HS256, hs256, "{\"alg\":\"HS256\"}", claims(""));
        String numericType = sign(JwsAlgorithm.HS256, hs256, "{\"alg\":\"HS256\",\"typ\":1}", claims(""));

        assertThat(defaults.verify(jwt).isVerified()).isTrue();
        assertThat(defaults.verify(untyped).isVerified()).isTrue();
        assertThat(rejection(defaults.verify(at))).isEqualTo(VerificationOutcome.Reason.WRONG_TYPE);
        assertThat(accepted(accessTokens.verify(at)).type()).contains("application/AT+JWT");
        assertThat(rejection(accessTokens.verify(jwt))).isEqualTo(VerificationOutcome.Reason.WRONG_TYPE);
        assertThat(rejection(accessTokens.verify(untyped))).isEqualTo(VerificationOutcome.Reason.WRONG_TYPE);
        assertThat(rejection(defaults.verify(numericType))).isEqualTo(VerificationOutcome.Reason.MALFORMED);
    }

    @Test
    void runsCustomRulesAndTreatsAThrowingRuleAsAFailure() {
        JwtVerifier verifier = hs256Verifier()
                .rule(ClaimRule.of(
                        "tenant is acme",
                        t -> t.claim("tenant", String.class)
                                .filter("acme"::equals)
                                .isPresent()))
                .rule(ClaimRule.of("never throws", t -> {
                    if (t.claims().containsKey("boom")) {
                        throw new IllegalStateException("rule bug");
                    }
                    return true;
                }))
                .build();

        assertThat(verifier.verify(hs256(claims("\"tenant\":\"acme\""))).isVerified())
                .isTrue();
        VerificationOutcome other = verifier.verify(hs256(claims("\"tenant\":\"globex\"")));
        assertThat(rejection(other)).isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
        assertThat(((VerificationOutcome.Rejected) other).detail()).contains("tenant is acme");
        assertThat(rejection(verifier.verify(hs256(claims("\"tenant\":\"acme\",\"boom\":true")))))
                .isEqualTo(VerificationOutcome.Reason.INVALID_CLAIM);
    }

    @Test
    void mapsAuthoritiesFromNestedClaimsWithPrefixes() {
        JwtVerifier verifier = hs256Verifier()
                .authorities(AuthorityMapping.builder()
                        .path("scope", "SCOPE_")
                        .path("/realm_access/roles", "ROLE_")
                        .path("/resource_access/my.client/roles", "CLIENT_")
                        .path("https://example.com/groups")
                        .build())
                .build();
        String token = hs256(claims("\"scope\":\"orders:read  orders:write\",\"scp\":[\"x\"],"
                + "\"realm_access\":{\"roles\":[\"admin\",\"user\",3]},"
                + "\"resource_access\":{\"my.client\":{\"roles\":[\"auditor\"]}},"
                + "\"https://example.com/groups\":[\"staff\"]"));

        AccessToken verified = accepted(verifier.verify(token));

        assertThat(verified.authorities())
                .containsExactly(
                        "SCOPE_orders:read",
                        "SCOPE_orders:write",
                        "ROLE_admin",
                        "ROLE_user",
                        "CLIENT_auditor",
                        "staff");
        assertThat(verified.scopes()).containsExactly("orders:read", "orders:write", "x");
    }

    @Test
    void claimsOfAVerifiedTokenCannotBeModified() {
        AccessToken verified =
                accepted(hs256Verifier().build().verify(hs256(claims("\"groups\":[\"a\"],\"m\":{\"k\":1}"))));

        assertThatThrownBy(() -> verified.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        List<?> groups = verified.claim("groups", List.class).orElseThrow();
        assertThatThrownBy(() -> groups.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> verified.claim("m", Map.class).orElseThrow().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(verified.toString()).doesNotContain(verified.compact()).doesNotContain("alice");
    }

    @Test
    void routesSeveralIssuersToTheirOwnKeysAndRules() {
        KeyPair other = TestTokens.ec("secp256r1");
        JwtVerifier first = hs256Verifier().build();
        JwtVerifier second = JwtVerifier.builder()
                .issuer("https://partner.example.com", KeySource.publicKey(JwsAlgorithm.ES256, other.getPublic()))
                .audience("partner-api")
                .algorithms(JwsAlgorithm.ES256)
                .clock(CLOCK)
                .build();
        JwtVerifier both = JwtVerifier.forIssuers(first, second);
        String partner = sign(
                JwsAlgorithm.ES256,
                other.getPrivate(),
                claims("").replace(ISSUER, "https://partner.example.com").replace(AUDIENCE, "partner-api"));
        // The partner's token for our audience: its own rules (audience partner-api) apply, not ours.
        String partnerForUs =
                sign(JwsAlgorithm.ES256, other.getPrivate(), claims("").replace(ISSUER, "https://partner.example.com"));
        // Our issuer with the partner's key: routed to our keys, which do not include it.
        String ourIssuerPartnerKey = sign(JwsAlgorithm.ES256, other.getPrivate(), claims(""));

        assertThat(accepted(both.verify(partner)).issuer()).isEqualTo("https://partner.example.com");
        assertThat(both.verify(hs256(claims(""))).isVerified()).isTrue();
        assertThat(rejection(both.verify(partnerForUs))).isEqualTo(VerificationOutcome.Reason.WRONG_AUDIENCE);
        assertThat(rejection(both.verify(ourIssuerPartnerKey)))
                .isEqualTo(VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM);
        assertThatThrownBy(() -> JwtVerifier.forIssuers(first, hs256Verifier().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ISSUER);
    }

    @Test
    void builderFailsClosed() {
        KeySource keys = KEYS.get(JwsAlgorithm.HS256);
        assertThatThrownBy(() -> JwtVerifier.builder()
                        .audience("a")
                        .algorithms(JwsAlgorithm.HS256)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer");
        assertThatThrownBy(() ->
                        JwtVerifier.builder().issuer(ISSUER, keys).audience("a").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("algorithm");
        assertThatThrownBy(() -> JwtVerifier.builder()
                        .issuer(ISSUER, keys)
                        .algorithms(JwsAlgorithm.HS256)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> JwtVerifier.builder()
                        .issuer(ISSUER, keys)
                        .algorithms(JwsAlgorithm.HS256)
                        .audience("a")
                        .anyAudience()
                        .build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().clockSkew(Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().clockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().issuer(" ", keys)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().issuer(ISSUER, keys).issuer(ISSUER, keys))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().audience("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().maxTokenLength(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().types(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.forIssuers()).isInstanceOf(IllegalArgumentException.class);
    }
}
