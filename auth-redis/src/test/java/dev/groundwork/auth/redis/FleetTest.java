package dev.groundwork.auth.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.JwtVerifier;
import dev.groundwork.auth.RefreshOutcome;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.SigningKey;
import dev.groundwork.auth.TokenIssuer;
import dev.groundwork.auth.TokenPair;
import dev.groundwork.auth.VerificationOutcome;
import dev.groundwork.auth.apikey.ApiKeyOutcome;
import dev.groundwork.auth.apikey.ApiKeys;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one service (same signing key, their own connections to one Redis) through auth-core's own
 * types: a refresh on one is a reuse on the other, a replay revokes the family everywhere, a revocation on one is
 * refused by the other, an API key made on one works and is revoked on the other.
 */
class FleetTest extends SharedRedisTest {

    private static final String ISSUER = "https://auth.example.com";
    private static final SigningKey KEY = SigningKey.generate(JwsAlgorithm.ES256);

    /** One instance: an issuer and a verifier on the stores of its own connection. */
    private record Instance(TokenIssuer issuer, JwtVerifier verifier, RevocationList revocations, ApiKeys apiKeys) {}

    private static Instance service(StatefulRedisConnection<String, String> connection) {
        RedisAuth redis = instance(connection);
        RevocationList revocations = redis.revocationList();
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, KEY)
                .audience("orders-api")
                .accessTokenTtl(Duration.ofMinutes(15))
                .refreshTokenTtl(Duration.ofDays(1))
                .refreshTokens(redis.refreshTokenStore())
                .build();
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(ISSUER, issuer.verificationKeys())
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .revocation(revocations)
                .cacheVerified(1_000)
                .build();
        return new Instance(
                issuer, verifier, revocations, ApiKeys.create("gw", redis.apiKeyStore(), Clock.systemUTC()));
    }

    @Test
    void aRefreshOnOneInstanceIsAReuseOnTheOtherAndKillsTheFamilyEverywhere() {
        Instance a = service(first);
        Instance b = service(second);
        TokenPair login = a.issuer().issue("alice", List.of("orders:read"));

        RefreshOutcome rotated = b.issuer().refresh(login.refreshToken());
        assertThat(rotated).isInstanceOf(RefreshOutcome.Refreshed.class);
        TokenPair next = ((RefreshOutcome.Refreshed) rotated).tokens();
        assertThat(((RefreshOutcome.Refreshed) rotated).subject()).isEqualTo("alice");

        assertThat(a.issuer().refresh(login.refreshToken()))
                .as("the old token replayed on the other instance")
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED));
        assertThat(b.issuer().refresh(next.refreshToken()))
                .as("the thief's replay revoked the family the legitimate client holds, on every instance")
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REVOKED));
    }

    @Test
    void oneRefreshTokenPresentedOnBothInstancesAtOnceHasOneWinner() throws Exception {
        Instance a = service(first);
        Instance b = service(second);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 10; round++) {
                String token = a.issuer().issue("user" + round, List.of()).refreshToken();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RefreshOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    TokenIssuer issuer = i % 2 == 0 ? a.issuer() : b.issuer();
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        return issuer.refresh(token);
                    }));
                }
                go.countDown();
                int refreshed = 0;
                for (Future<RefreshOutcome> outcome : outcomes) {
                    RefreshOutcome result = outcome.get();
                    if (result instanceof RefreshOutcome.Refreshed) {
                        refreshed++;
                    } else {
                        assertThat(result).isInstanceOf(RefreshOutcome.Rejected.class);
                    }
                }
                assertThat(refreshed).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTokenRevokedOnOneInstanceIsRefusedByTheOtherCachedOrNot() {
        Instance a = service(first);
        Instance b = service(second);
        String access = a.issuer().issue("bob", List.of()).accessToken();
        VerificationOutcome before = b.verifier().verify(access);
        assertThat(before).isInstanceOf(VerificationOutcome.Verified.class);

        VerificationOutcome.Verified verified =
                (VerificationOutcome.Verified) a.verifier().verify(access);
        a.revocations()
                .revoke(
                        verified.token().jwtId().orElseThrow(),
                        verified.token().expiresAt().orElseThrow());
        assertThat(b.verifier().verify(access))
                .as("b had this token in its verified cache; the revocation is still checked")
                .isInstanceOfSatisfying(
                        VerificationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(VerificationOutcome.Reason.REVOKED));
    }

    @Test
    void anApiKeyMadeOnOneInstanceWorksOnTheOtherUntilRevokedThere() {
        Instance a = service(first);
        Instance b = service(second);
        String key =
                a.apiKeys().create("billing", List.of("invoices:read"), null).key();
        assertThat(b.apiKeys().check(key))
                .isInstanceOfSatisfying(
                        ApiKeyOutcome.Valid.class,
                        valid -> assertThat(valid.scopes()).containsExactly("invoices:read"));
        String id = ((ApiKeyOutcome.Valid) b.apiKeys().check(key)).id();
        assertThat(b.apiKeys().revoke(id)).isTrue();
        assertThat(a.apiKeys().check(key)).isEqualTo(new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.REVOKED));
    }
}
