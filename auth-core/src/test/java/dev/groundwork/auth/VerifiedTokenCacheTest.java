package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.testing.TestClock;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
    private final KeyPair rsa = TestTokens.rsa(2048);
    private final TestClock clock = TestClock.at(NOW);

    private JwtVerifier.Builder builder() {
        return JwtVerifier.builder()
                .issuer(ISSUER, KeySource.publicKey(JwsAlgorithm.RS256, rsa.getPublic()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.RS256)
                .clock(clock);
    }

    private String token(long lifetimeSeconds) {
        return sign(
                JwsAlgorithm.RS256,
                rsa.getPrivate(),
                "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                        + epoch(NOW.plusSeconds(lifetimeSeconds)) + "}");
    }

    private static AccessToken verified(VerificationOutcome verification) {
        assertThat(verification).isInstanceOf(VerificationOutcome.Verified.class);
        return ((VerificationOutcome.Verified) verification).token();
    }

    @Test
    void repeatVerificationIsAnsweredFromTheCache() {
        JwtVerifier cached = builder().cacheVerified(100).build();
        JwtVerifier uncached = builder().build();
        String token = token(300);

        AccessToken first = verified(cached.verify(token));
        AccessToken second = verified(cached.verify(token));

        assertThat(second).isSameAs(first);
        assertThat(verified(uncached.verify(token))).isNotSameAs(verified(uncached.verify(token)));
    }

    @Test
    void cachedTokensStillExpire() {
        JwtVerifier cached =
                builder().clockSkew(Duration.ZERO).cacheVerified(100).build();
        String token = token(120);
        verified(cached.verify(token));

        clock.advance(Duration.ofSeconds(119));
        verified(cached.verify(token));
        clock.advance(Duration.ofSeconds(1));

        assertThat(((VerificationOutcome.Rejected) cached.verify(token)).reason())
                .isEqualTo(VerificationOutcome.Reason.EXPIRED);
    }

    @Test
    void aTamperedCopyIsNeverServedFromTheCache() {
        JwtVerifier cached = builder().cacheVerified(100).build();
        String token = token(300);
        verified(cached.verify(token));
        // One character well inside the signature, where each carries six bits of it: changed, it always changes the
        // signature's bytes. (Rewriting the last two characters, as this test once did, gave the token back unchanged
        // whenever it ended in "BA", one signature in 256, and the last character's spare bits decode to nothing.)
        int at = token.length() - 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, at) + changed + token.substring(at + 1);
        assertThat(tampered).isNotEqualTo(token);

        assertThat(((VerificationOutcome.Rejected) cached.verify(tampered)).reason())
                .isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
    }

    @Test
    void tokensWithoutExpiryAreNotCached() {
        JwtVerifier cached =
                builder().allowMissingExpiration().cacheVerified(100).build();
        String token =
                sign(JwsAlgorithm.RS256, rsa.getPrivate(), "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\"}");

        assertThat(verified(cached.verify(token))).isNotSameAs(verified(cached.verify(token)));
    }

    @Test
    void combinedVerifiersKeepTheCache() {
        JwtVerifier combined =
                JwtVerifier.forIssuers(builder().cacheVerified(10).build());
        String token = token(300);

        assertThat(verified(combined.verify(token))).isSameAs(verified(combined.verify(token)));
    }

    @Test
    void refusesNonsensicalSizes() {
        assertThatThrownBy(() -> builder().cacheVerified(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().cacheVerified(20_000_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
