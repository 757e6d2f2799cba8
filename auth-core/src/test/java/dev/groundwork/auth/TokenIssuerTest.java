package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private final MutableClock clock = new MutableClock(NOW);

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

    private static AccessToken verified(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) verification).token();
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

        TokenPair second = refreshed(issuer.refresh(login.refreshToken()));
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

        Verification after = verifier.verify(token);
        assertThat(((Verification.Rejected) after).reason()).isEqualTo(RejectionReason.REVOKED);
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
}
