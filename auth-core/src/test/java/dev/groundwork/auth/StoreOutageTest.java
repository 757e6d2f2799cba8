package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.auth.apikey.ApiKeyOutcome;
import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.apikey.ApiKeys;
import dev.groundwork.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot answer throws {@link StoreUnavailableException}; every reader turns it into a typed outcome a
 * service answers with 503, and nothing is half done.
 */
class StoreOutageTest {

    private static final String ISSUER = "https://auth.example.com";
    private final TestClock clock = TestClock.at(NOW);
    private final AtomicBoolean down = new AtomicBoolean();

    /** An in-memory store that throws while {@link #down} is set. */
    private RefreshTokenStore refreshStore() {
        RefreshTokenStore memory = RefreshTokenStore.inMemory(clock, 1_000);
        return new RefreshTokenStore() {
            @Override
            public void save(String tokenHash, Grant grant) {
                check();
                memory.save(tokenHash, grant);
            }

            @Override
            public Consumption consume(String tokenHash) {
                check();
                return memory.consume(tokenHash);
            }

            @Override
            public void revokeFamily(String familyId, Instant until) {
                check();
                memory.revokeFamily(familyId, until);
            }
        };
    }

    private void check() {
        if (down.get()) {
            throw new StoreUnavailableException("the test store is down", null);
        }
    }

    @Test
    void aRevocationListThatCannotAnswerMakesTheVerifierAnswer503NotAccept() {
        RevocationList memory = RevocationList.inMemory(clock, 100);
        RevocationList flaky = new RevocationList() {
            @Override
            public void revoke(String jwtId, Instant expiresAt) {
                check();
                memory.revoke(jwtId, expiresAt);
            }

            @Override
            public boolean isRevoked(String jwtId) {
                check();
                return memory.isRevoked(jwtId);
            }
        };
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, SigningKey.generate(JwsAlgorithm.ES256))
                .audience("api")
                .clock(clock)
                .build();
        for (boolean cached : List.of(false, true)) {
            JwtVerifier.Builder builder = JwtVerifier.builder()
                    .issuer(ISSUER, issuer.verificationKeys())
                    .audience("api")
                    .algorithms(JwsAlgorithm.ES256)
                    .clock(clock)
                    .revocation(flaky);
            JwtVerifier verifier = cached ? builder.cacheVerified(100).build() : builder.build();
            BearerAuthenticator authenticator =
                    BearerAuthenticator.builder(verifier).build();
            String token = issuer.issue("alice", List.of("read")).accessToken();

            down.set(false);
            assertThat(verifier.verify(token)).isInstanceOf(VerificationOutcome.Verified.class);
            down.set(true);
            VerificationOutcome outage = verifier.verify(token);
            assertThat(outage)
                    .as(cached ? "a cached token is checked again" : "a fresh token")
                    .isEqualTo(new VerificationOutcome.Rejected(
                            VerificationOutcome.Reason.REVOCATION_UNAVAILABLE,
                            "the revocation list cannot be read now"));
            assertThat(VerificationOutcome.Reason.REVOCATION_UNAVAILABLE.httpStatus())
                    .isEqualTo(503);
            AuthOutcome challenge = authenticator.authenticate("Bearer " + token);
            assertThat(challenge).isInstanceOfSatisfying(AuthOutcome.Challenge.class, c -> {
                assertThat(c.status()).isEqualTo(503);
                assertThat(c.headers()).containsKey("Retry-After");
            });
            down.set(false);
            assertThat(verifier.verify(token)).isInstanceOf(VerificationOutcome.Verified.class);
        }
    }

    @Test
    void aRefreshStoreThatCannotAnswerGivesUnavailableAndSpendsNothing() {
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, SigningKey.generate(JwsAlgorithm.ES256))
                .audience("api")
                .clock(clock)
                .refreshTokenTtl(Duration.ofDays(1))
                .refreshTokens(refreshStore())
                .build();
        TokenPair login = issuer.issue("alice", List.of("read"));

        down.set(true);
        assertThat(issuer.refresh(login.refreshToken())).isInstanceOf(RefreshOutcome.Unavailable.class);
        assertThatThrownBy(() -> issuer.issue("bob", List.of()))
                .as("a login cannot be completed without storing its refresh token")
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> issuer.revokeFamily(login.refreshToken()))
                .isInstanceOf(StoreUnavailableException.class);

        down.set(false);
        RefreshOutcome after = issuer.refresh(login.refreshToken());
        assertThat(after)
                .as("the outage consumed nothing: the same token still refreshes once")
                .isInstanceOf(RefreshOutcome.Refreshed.class);
        assertThat(issuer.refresh(login.refreshToken()))
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED));
    }

    @Test
    void aReplayIsRefusedEvenWhenItsFamilyCannotBeRevokedNow() {
        RefreshTokenStore memory = RefreshTokenStore.inMemory(clock, 1_000);
        AtomicBoolean revokeFails = new AtomicBoolean(true);
        RefreshTokenStore store = new RefreshTokenStore() {
            @Override
            public void save(String tokenHash, Grant grant) {
                memory.save(tokenHash, grant);
            }

            @Override
            public Consumption consume(String tokenHash) {
                return memory.consume(tokenHash);
            }

            @Override
            public void revokeFamily(String familyId, Instant until) {
                if (revokeFails.get()) {
                    throw new StoreUnavailableException("down for revocations", null);
                }
                memory.revokeFamily(familyId, until);
            }
        };
        TokenIssuer issuer = TokenIssuer.builder(ISSUER, SigningKey.generate(JwsAlgorithm.ES256))
                .audience("api")
                .clock(clock)
                .refreshTokens(store)
                .build();
        TokenPair first = issuer.issue("alice", List.of());
        TokenPair second = ((RefreshOutcome.Refreshed) issuer.refresh(first.refreshToken())).tokens();
        assertThat(issuer.refresh(first.refreshToken()))
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED));
        revokeFails.set(false);
        assertThat(issuer.refresh(first.refreshToken()))
                .as("the next replay revokes the family")
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED));
        assertThat(issuer.refresh(second.refreshToken()))
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REVOKED));
    }

    @Test
    void anApiKeyStoreThatCannotAnswerGivesUnavailable() {
        ApiKeyStore memory = ApiKeyStore.inMemory();
        ApiKeyStore flaky = new ApiKeyStore() {
            @Override
            public void save(StoredKey key) {
                memory.save(key);
            }

            @Override
            public Optional<StoredKey> find(String id) {
                check();
                return memory.find(id);
            }

            @Override
            public boolean revoke(String id) {
                check();
                return memory.revoke(id);
            }
        };
        ApiKeys keys = ApiKeys.create("gw", flaky, clock);
        String key = keys.create("billing", List.of("invoices:read"), null).key();
        assertThat(keys.check(key)).isInstanceOf(ApiKeyOutcome.Valid.class);
        down.set(true);
        assertThat(keys.check(key)).isInstanceOf(ApiKeyOutcome.Unavailable.class);
        assertThat(keys.check("gw_nonsense")).isInstanceOf(ApiKeyOutcome.Rejected.class);
    }
}
