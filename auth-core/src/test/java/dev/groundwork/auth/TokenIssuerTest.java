package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenIssuerTest {
    private static final String ISSUER = "https://auth.example.com";
    private final TestClock clock = TestClock.at(NOW);

    private TokenIssuer issuer(SigningKey key) {
        return TokenIssuer.builder(ISSUER, key)
                .audience("orders-api")
                .clock(clock)
                .accessTokenTtl(Duration.ofMinutes(15))
                .refreshTokenTtl(Duration.ofDays(1))
                .build();
    }

    private JwtVerifier.Builder verifierFor(TokenIssuer issuer, JwsAlgorithm algorithm) {
        return JwtVerifier.builder()
                .issuer(ISSUER, issuer.verificationKeys())
                .audience("orders-api")
                .algorithms(algorithm)
                .clock(clock);
    }

    private static AccessToken verified(VerificationOutcome verification) {
        assertThat(verification).isInstanceOf(VerificationOutcome.Verified.class);
        return ((VerificationOutcome.Verified) verification).token();
    }

    private static TokenPair refreshed(RefreshOutcome outcome) {
        assertThat(outcome).isInstanceOf(RefreshOutcome.Refreshed.class);
        return ((RefreshOutcome.Refreshed) outcome).tokens();
    }

    private static RefreshOutcome.Reason rejected(RefreshOutcome outcome) {
        assertThat(outcome).isInstanceOf(RefreshOutcome.Rejected.class);
        return ((RefreshOutcome.Rejected) outcome).reason();
    }

    @ParameterizedTest
    @EnumSource(
            value = JwsAlgorithm.class,
            names = {"HS256", "HS512", "RS256", "PS256", "ES256", "ES384", "EdDSA"})
    void issuedAccessTokensVerify(JwsAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm);
        TokenIssuer issuer = issuer(key);

        String token = issuer.accessToken("alice", List.of("orders:read", "orders:write"), Map.of("tenant", "acme"));
        AccessToken verified = verified(verifierFor(issuer, algorithm).build().verify(token));

        assertThat(verified.issuer()).isEqualTo(ISSUER);
        assertThat(verified.subject()).contains("alice");
        assertThat(verified.audience()).containsExactly("orders-api");
        assertThat(verified.keyId()).contains(key.keyId());
        assertThat(verified.jwtId()).hasValueSatisfying(jti -> assertThat(jti).hasSize(22));
        assertThat(verified.scopes()).containsExactly("orders:read", "orders:write");
        assertThat(verified.expiresAt()).contains(NOW.plus(Duration.ofMinutes(15)));
        assertThat(verified.claim("tenant", String.class)).contains("acme");
    }

    @Test
    void everyAccessTokenGetsItsOwnJwtId() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        JwtVerifier verifier = verifierFor(issuer, JwsAlgorithm.HS256).build();

        String first = verified(verifier.verify(issuer.accessToken("alice", List.of())))
                .jwtId()
                .orElseThrow();
        String second = verified(verifier.verify(issuer.accessToken("alice", List.of())))
                .jwtId()
                .orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void asymmetricKeysHaveThumbprintIdsAndPublishablePublicJwks() {
        SigningKey key = SigningKey.generate(JwsAlgorithm.ES256);
        SigningKey hmac = SigningKey.generate(JwsAlgorithm.HS256);
        TokenIssuer issuer = issuer(key);

        String jwks = "{\"keys\":[" + key.publicJwk().orElseThrow() + "]}";
        JwtVerifier fromPublishedJwks = JwtVerifier.builder()
                .issuer(ISSUER, KeySource.jwkSet(jwks))
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .clock(clock)
                .build();

        assertThat(key.keyId()).hasSize(43);
        assertThat(key.publicJwk().orElseThrow()).doesNotContain("\"d\"");
        assertThat(hmac.publicJwk()).isEmpty();
        assertThat(fromPublishedJwks
                        .verify(issuer.accessToken("alice", List.of()))
                        .isVerified())
                .isTrue();
    }

    @Test
    void refreshRotatesAndTheOldTokenIsDeadAfterUse() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        TokenPair login = issuer.issue("alice", List.of("orders:read"));

        RefreshOutcome first = issuer.refresh(login.refreshToken());
        assertThat(first).isInstanceOf(RefreshOutcome.Refreshed.class);
        assertThat(((RefreshOutcome.Refreshed) first).subject())
                .as("whom the new pair is for")
                .isEqualTo("alice");
        assertThat(((RefreshOutcome.Refreshed) first).scopes()).containsExactly("orders:read");
        TokenPair second = refreshed(first);
        TokenPair third = refreshed(issuer.refresh(second.refreshToken()));

        assertThat(second.refreshToken()).isNotEqualTo(login.refreshToken());
        assertThat(verified(verifierFor(issuer, JwsAlgorithm.HS256).build().verify(third.accessToken()))
                        .scopes())
                .containsExactly("orders:read");
        assertThat(third.toString()).doesNotContain(third.refreshToken()).doesNotContain(third.accessToken());
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeFamily() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        TokenPair login = issuer.issue("alice", List.of());
        TokenPair rotated = refreshed(issuer.refresh(login.refreshToken()));
        TokenPair otherLogin = issuer.issue("alice", List.of());

        // An attacker replays the stolen, already used token.
        assertThat(rejected(issuer.refresh(login.refreshToken()))).isEqualTo(RefreshOutcome.Reason.REUSED);
        // The legitimate client's current token is now dead too: the theft is contained.
        assertThat(rejected(issuer.refresh(rotated.refreshToken()))).isEqualTo(RefreshOutcome.Reason.REVOKED);
        // Another family (another device) is untouched.
        assertThat(issuer.refresh(otherLogin.refreshToken())).isInstanceOf(RefreshOutcome.Refreshed.class);
    }

    @Test
    @Timeout(30)
    void concurrentRefreshesOfOneTokenHaveExactlyOneWinner() throws Exception {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        for (int round = 0; round < 20; round++) {
            TokenPair login = issuer.issue("alice", List.of());
            int threads = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<RefreshOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return issuer.refresh(login.refreshToken());
                    }));
                }
                start.countDown();
                List<TokenPair> winners = new ArrayList<>();
                int reused = 0;
                for (Future<RefreshOutcome> outcome : outcomes) {
                    RefreshOutcome result = outcome.get(10, TimeUnit.SECONDS);
                    if (result instanceof RefreshOutcome.Refreshed refreshed) {
                        winners.add(refreshed.tokens());
                    } else {
                        // A replay is REUSED, or REVOKED when another replay already revoked the family.
                        RefreshOutcome.Reason reason = ((RefreshOutcome.Rejected) result).reason();
                        assertThat(reason).isIn(RefreshOutcome.Reason.REUSED, RefreshOutcome.Reason.REVOKED);
                        reused += reason == RefreshOutcome.Reason.REUSED ? 1 : 0;
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(reused).isPositive();
                // The losers' replays revoked the family, the winner's new token included.
                assertThat(rejected(issuer.refresh(winners.get(0).refreshToken())))
                        .isEqualTo(RefreshOutcome.Reason.REVOKED);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void expiredRefreshTokensAreRefused() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        TokenPair login = issuer.issue("alice", List.of());
        clock.advance(Duration.ofDays(1));

        assertThat(rejected(issuer.refresh(login.refreshToken()))).isEqualTo(RefreshOutcome.Reason.EXPIRED);
    }

    @Test
    void logoutRevokesTheFamily() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        TokenPair login = issuer.issue("alice", List.of());
        TokenPair rotated = refreshed(issuer.refresh(login.refreshToken()));

        assertThat(issuer.revokeFamily(rotated.refreshToken())).isTrue();
        assertThat(issuer.refresh(rotated.refreshToken())).isInstanceOf(RefreshOutcome.Rejected.class);
        assertThat(issuer.revokeFamily("never-issued")).isFalse();
        assertThat(issuer.revokeFamily(null)).isFalse();
    }

    @Test
    void hostileRefreshTokensAreUnknown() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.HS256));
        for (String token : new String[] {
            null, "", "x".repeat(10_000), "not base64!", "AAAA", TestTokens.b64(new byte[32]), "a.b.c", "é"
        }) {
            assertThat(rejected(issuer.refresh(token)))
                    .as(String.valueOf(token))
                    .isEqualTo(RefreshOutcome.Reason.UNKNOWN);
        }
    }

    @Test
    void revokedAccessTokensAreRejectedEvenFromTheCache() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.ES256));
        RevocationList revocations = RevocationList.inMemory(clock, 1000);
        JwtVerifier verifier = verifierFor(issuer, JwsAlgorithm.ES256)
                .revocation(revocations)
                .cacheVerified(100)
                .build();
        String token = issuer.accessToken("alice", List.of());
        AccessToken accessToken = verified(verifier.verify(token));
        verified(verifier.verify(token));

        revocations.revoke(
                accessToken.jwtId().orElseThrow(), accessToken.expiresAt().orElseThrow());

        VerificationOutcome after = verifier.verify(token);
        assertThat(((VerificationOutcome.Rejected) after).reason()).isEqualTo(VerificationOutcome.Reason.REVOKED);
        assertThat(verifier.verify(issuer.accessToken("alice", List.of())).isVerified())
                .isTrue();
    }

    @Test
    void refusesBadInputAndConfiguration() {
        SigningKey key = SigningKey.generate(JwsAlgorithm.HS256);
        TokenIssuer issuer = issuer(key);
        assertThatThrownBy(() -> issuer.accessToken(" ", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.accessToken("alice", List.of("has space")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.accessToken("alice", List.of("quote\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.accessToken("alice", List.of(), Map.of("exp", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exp");
        assertThatThrownBy(() -> TokenIssuer.builder(ISSUER, key).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> TokenIssuer.builder(" ", key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenIssuer.builder(ISSUER, key).accessTokenTtl(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenIssuer.builder(ISSUER, key).refreshTokenTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.hmac("k", JwsAlgorithm.HS256, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.of(JwsAlgorithm.HS256, TestTokens.rsa(2048)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.of(JwsAlgorithm.ES256, TestTokens.rsa(2048)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.of(JwsAlgorithm.RS256, TestTokens.rsa(1024)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RevocationList.inMemory(clock, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshTokenStore.inMemory(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Issue 10.4: text that has no UTF-8 form is refused wherever it would enter a token (subject, claim names and
     * values at any depth, issuer, audience, type, key id) instead of being written as {@code ?}, so two distinct
     * values can never produce one token text.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"a\ud800b", "a\udc00b", "\ud800", "end\ud83d", "\udc00start", "\ude00\ud83d"})
    void refusesIllFormedUtf16WhereverItWouldEnterAToken(String bad) {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.ES256));
        SigningKey key = SigningKey.generate(JwsAlgorithm.HS256);

        java.util.List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = java.util.List.of(
                () -> issuer.accessToken(bad, List.of()),
                () -> issuer.issue(bad, List.of()),
                () -> issuer.accessToken("alice", List.of(), Map.of("note", bad)),
                () -> issuer.accessToken("alice", List.of(), Map.of(bad, "value")),
                () -> issuer.accessToken("alice", List.of(), Map.of("list", List.of("ok", bad))),
                () -> issuer.accessToken("alice", List.of(), Map.of("map", Map.of("inner", Map.of("deep", bad)))),
                () -> issuer.accessToken("alice", List.of(), Map.of("map", Map.of(bad, 1))),
                () -> TokenIssuer.builder(bad, key),
                () -> TokenIssuer.builder(ISSUER, key).audience(bad),
                () -> TokenIssuer.builder(ISSUER, key).type(bad),
                () -> SigningKey.hmac(
                        bad, JwsAlgorithm.HS256, TestTokens.secret(32).getEncoded()));
        for (var call : calls) {
            assertThatThrownBy(call)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UTF-16");
        }
    }

    @Test
    void wellFormedTextOfEveryPlaneRoundTripsExactly() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.ES256));
        String subject = "a\ud83d\ude00b\u00e9\u20ac\u0000\"\\\u2028";
        String token = issuer.accessToken(subject, List.of(), Map.of("n\ud83d\ude00", List.of(subject)));
        AccessToken verified =
                verified(verifierFor(issuer, JwsAlgorithm.ES256).build().verify(token));

        assertThat(verified.subject()).contains(subject);
        assertThat(verified.claim("n\ud83d\ude00", List.class)).contains(List.of(subject));
    }

    @Test
    void refusesClaimValuesWithoutAnExactJsonForm() {
        TokenIssuer issuer = issuer(SigningKey.generate(JwsAlgorithm.ES256));
        for (Object value : new Object[] {
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            java.time.Instant.EPOCH,
            new Object(),
            new int[] {1},
            Map.of(1, "non-string key"),
            List.of(List.of(Double.NaN))
        }) {
            assertThatThrownBy(() -> issuer.accessToken("alice", List.of(), Map.of("x", value)))
                    .as("%s", value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("claim x");
        }
        Object deep = "leaf";
        for (int i = 0; i < 40; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> issuer.accessToken("alice", List.of(), Map.of("x", tooDeep)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> SigningKey.hmac(
                        "", JwsAlgorithm.HS256, TestTokens.secret(32).getEncoded()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.hmac(
                        "k".repeat(257),
                        JwsAlgorithm.HS256,
                        TestTokens.secret(32).getEncoded()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
