package dev.groundwork.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "issue your own tokens" quickstart, as printed, with its placeholders filled in. */
class ReadmeQuickstartTest {

    @Test
    void issueYourOwnTokens() {
        PasswordHasher passwords = PasswordHasher.withIterations(10_000);
        String storedHash = passwords.hash("s3cret!".toCharArray());
        char[] attempt = "s3cret!".toCharArray();
        RevocationList revocations = RevocationList.inMemory(Clock.systemUTC(), 100_000);

        KeyRing keys = KeyRing.of(SigningKey.generate(JwsAlgorithm.ES256));
        TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", keys)
                .audience("orders-api")
                .build();

        PasswordHasher.Match match = passwords.verify(attempt, storedHash);
        assertThat(match.matches()).isTrue();
        TokenPair tokens = issuer.issue("alice", List.of("orders:read"));

        RefreshOutcome outcome = issuer.refresh(tokens.refreshToken());
        assertThat(outcome).isInstanceOf(RefreshOutcome.Refreshed.class);
        assertThat(issuer.refresh(tokens.refreshToken()))
                .isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED));

        JwtVerifier verifier = JwtVerifier.builder()
                .issuer("https://auth.example.com", keys.verificationKeys())
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .revocation(revocations)
                .build();
        String jwks = keys.jwksJson();

        Verification verification =
                verifier.verify(((RefreshOutcome.Refreshed) outcome).tokens().accessToken());
        assertThat(verification.isVerified()).isTrue();
        assertThat(jwks).contains(keys.active().keyId());
    }
}
