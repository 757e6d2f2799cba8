package dev.groundwork.auth.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.auth.AuthOutcome;
import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.JwtVerifier;
import dev.groundwork.auth.RefreshOutcome;
import dev.groundwork.auth.SigningKey;
import dev.groundwork.auth.StoreUnavailableException;
import dev.groundwork.auth.TokenIssuer;
import dev.groundwork.auth.TokenPair;
import dev.groundwork.auth.VerificationOutcome;
import dev.groundwork.auth.apikey.ApiKeyOutcome;
import dev.groundwork.auth.apikey.ApiKeys;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and started again, and frozen with {@code kill -STOP}: every store follows its declared policy
 * (503 outcomes, or fail open where configured), and the same objects work again once Redis answers, without being
 * rebuilt.
 */
class OutageTest {

    private static final String ISSUER = "https://auth.example.com";

    private RedisProcess redis;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void start() {
        redis = new RedisProcess();
        connection = redis.connect();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    private RedisAuth stores(RedisAuth.RevocationOutage policy) {
        return RedisAuth.builder(connection.async(), "auth")
                .timeout(Duration.ofMillis(200))
                .retryInterval(Duration.ofMillis(100))
                .revocationOutage(policy)
                .build();
    }

    @Test
    void redisStoppedAndStartedAgain() {
        RedisAuth closed = stores(RedisAuth.RevocationOutage.FAIL_CLOSED);
        RedisAuth open = stores(RedisAuth.RevocationOutage.FAIL_OPEN);
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, SigningKey.generate(JwsAlgorithm.ES256))
                .audience("api")
                .refreshTokens(closed.refreshTokenStore())
                .build();
        JwtVerifier failClosed = verifier(issuer, closed);
        JwtVerifier failOpen = verifier(issuer, open);
        BearerAuthenticator authenticator =
                BearerAuthenticator.builder(failClosed).build();
        ApiKeys apiKeys = ApiKeys.create("gw", closed.apiKeyStore(), Clock.systemUTC());
        TokenPair login = issuer.issue("alice", List.of());
        String apiKey = apiKeys.create("svc", List.of(), null).key();

        redis.stop();
        assertThat(failClosed.verify(login.accessToken()))
                .isInstanceOfSatisfying(
                        VerificationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(VerificationOutcome.Reason.REVOCATION_UNAVAILABLE));
        assertThat(authenticator.authenticate("Bearer " + login.accessToken()))
                .isInstanceOfSatisfying(
                        AuthOutcome.Challenge.class, c -> assertThat(c.status()).isEqualTo(503));
        assertThat(failOpen.verify(login.accessToken()))
                .as("fail open: the signature and the claims decide alone")
                .isInstanceOf(VerificationOutcome.Verified.class);
        assertThat(issuer.refresh(login.refreshToken())).isInstanceOf(RefreshOutcome.Unavailable.class);
        assertThatThrownBy(() -> issuer.issue("bob", List.of())).isInstanceOf(StoreUnavailableException.class);
        assertThat(apiKeys.check(apiKey)).isInstanceOf(ApiKeyOutcome.Unavailable.class);

        redis.start(); // empty: what was stored before is gone, as after a Redis restart without persistence
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> failClosed.verify(login.accessToken()) instanceof VerificationOutcome.Verified);
        TokenPair again = issuer.issue("alice", List.of());
        assertThat(issuer.refresh(again.refreshToken())).isInstanceOf(RefreshOutcome.Refreshed.class);
        assertThat(apiKeys.check(apiKey))
                .as("the key died with the unpersisted data: unknown, not an error")
                .isEqualTo(new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.UNKNOWN));
    }

    @Test
    void failOpenExceptKnownRefusesWhatThisInstanceKnowsAndPassesTheRest() {
        RedisAuth stores = stores(RedisAuth.RevocationOutage.FAIL_OPEN_EXCEPT_KNOWN);
        RedisAuth otherInstance = stores(RedisAuth.RevocationOutage.FAIL_CLOSED);
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, SigningKey.generate(JwsAlgorithm.ES256))
                .audience("api")
                .build();
        JwtVerifier verifier = verifier(issuer, stores);
        String loggedOutHere = issuer.issue("a", List.of()).accessToken();
        String loggedOutThere = issuer.issue("b", List.of()).accessToken();
        String loggedOutThereUnseen = issuer.issue("c", List.of()).accessToken();
        String valid = issuer.issue("d", List.of()).accessToken();
        revoke(verifier, stores, loggedOutHere);
        revoke(verifier, otherInstance, loggedOutThere);
        revoke(verifier, otherInstance, loggedOutThereUnseen);
        assertThat(verifier.verify(loggedOutThere))
                .as("seen revoked in Redis")
                .isInstanceOf(VerificationOutcome.Rejected.class);

        redis.stop();
        assertThat(reason(verifier.verify(loggedOutHere))).isEqualTo(VerificationOutcome.Reason.REVOKED);
        assertThat(reason(verifier.verify(loggedOutThere))).isEqualTo(VerificationOutcome.Reason.REVOKED);
        assertThat(verifier.verify(loggedOutThereUnseen))
                .as("revoked elsewhere and never checked here: passes until Redis is back (the declared price)")
                .isInstanceOf(VerificationOutcome.Verified.class);
        assertThat(verifier.verify(valid)).isInstanceOf(VerificationOutcome.Verified.class);

        redis.start(); // empty: Redis forgot every revocation; this instance still remembers its own
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> verifier.verify(valid) instanceof VerificationOutcome.Verified);
        assertThat(reason(verifier.verify(loggedOutHere))).isEqualTo(VerificationOutcome.Reason.REVOKED);
    }

    private static void revoke(JwtVerifier verifier, RedisAuth stores, String token) {
        VerificationOutcome.Verified verified = (VerificationOutcome.Verified) verifier.verify(token);
        stores.revocationList()
                .revoke(
                        verified.token().jwtId().orElseThrow(),
                        verified.token().expiresAt().orElseThrow());
    }

    private static VerificationOutcome.Reason reason(VerificationOutcome outcome) {
        assertThat(outcome).isInstanceOf(VerificationOutcome.Rejected.class);
        return ((VerificationOutcome.Rejected) outcome).reason();
    }

    @Test
    void redisFrozenAndLetGo() {
        RedisAuth closed = stores(RedisAuth.RevocationOutage.FAIL_CLOSED);
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, SigningKey.generate(JwsAlgorithm.ES256))
                .audience("api")
                .refreshTokens(closed.refreshTokenStore())
                .build();
        JwtVerifier verifier = verifier(issuer, closed);
        TokenPair login = issuer.issue("alice", List.of());

        redis.pause();
        try {
            assertThat(verifier.verify(login.accessToken()))
                    .as("no answer within the timeout")
                    .isInstanceOfSatisfying(
                            VerificationOutcome.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(VerificationOutcome.Reason.REVOCATION_UNAVAILABLE));
            assertThat(issuer.refresh(login.refreshToken())).isInstanceOf(RefreshOutcome.Unavailable.class);
        } finally {
            redis.resume();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> verifier.verify(login.accessToken()) instanceof VerificationOutcome.Verified);
        assertThat(issuer.refresh(login.refreshToken()))
                .as("the refresh that timed out on its first read consumed nothing")
                .isInstanceOf(RefreshOutcome.Refreshed.class);
    }

    private static JwtVerifier verifier(TokenIssuer issuer, RedisAuth stores) {
        return JwtVerifier.builder()
                .issuer(ISSUER, issuer.verificationKeys())
                .audience("api")
                .algorithms(JwsAlgorithm.ES256)
                .revocation(stores.revocationList())
                .build();
    }
}
