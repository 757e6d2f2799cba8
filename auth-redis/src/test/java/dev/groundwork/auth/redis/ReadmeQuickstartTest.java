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
import dev.groundwork.testing.ReadmeSnippets;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's quickstart (also RedisAuth's Javadoc example), exactly as printed, against a real redis-server. */
class ReadmeQuickstartTest {

    private static final Path SELF = Path.of("src/test/java/dev/groundwork/auth/redis/ReadmeQuickstartTest.java");

    @Test
    void theTestHoldsTheReadmeBlockAndTheJavadocExample() {
        assertThat(ReadmeSnippets.assertPrinted(Path.of("README.md"), SELF)).isEqualTo(1);
        assertThat(ReadmeSnippets.assertJavadocPrinted(Path.of("src/main/java"), SELF))
                .isEqualTo(1);
    }

    @Test
    void theQuickstartIssuesRefreshesAndRevokesThroughRedis() {
        try (RedisProcess server = new RedisProcess()) {
            SigningKey signingKey = SigningKey.generate(JwsAlgorithm.ES256);
            String redisUri = "redis://127.0.0.1:" + server.port();
            // In a cold JVM a first command can take longer than the quickstart's 100 ms on a loaded machine: one
            // unhurried round trip through the stores first, on the fixture's own connection.
            RevocationList warmUp = RedisAuth.builder(server.connect().async(), "warm-up")
                    .timeout(SharedRedisTest.UNHURRIED)
                    .build()
                    .revocationList();
            warmUp.revoke("warm-up", Instant.now().plusSeconds(60));
            assertThat(warmUp.isRevoked("warm-up")).isTrue();
            // region RedisAuth
            RedisClient client = RedisClient.create(redisUri);
            RedisAuth redis = RedisAuth.builder(client.connect().async(), "auth")
                    .timeout(Duration.ofMillis(100)) // per command; then 503s, see the outage table
                    .build();

            TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", signingKey)
                    .audience("orders-api")
                    .refreshTokens(redis.refreshTokenStore())
                    .build();
            JwtVerifier verifier = JwtVerifier.builder()
                    .issuer("https://auth.example.com", issuer.verificationKeys())
                    .audience("orders-api")
                    .algorithms(JwsAlgorithm.ES256)
                    .revocation(redis.revocationList())
                    .build();
            // endregion

            try {
                TokenPair login = issuer.issue("alice", List.of("orders:read"));
                assertThat(verifier.verify(login.accessToken())).isInstanceOf(VerificationOutcome.Verified.class);
                assertThat(issuer.refresh(login.refreshToken())).isInstanceOf(RefreshOutcome.Refreshed.class);
                // Listed by SCAN and collected, not Stream.toList(): Lettuce 6.4 reports the stream's size as 0
                // (lettuce #3002).
                assertThat(ScanIterator.scan(server.connect().sync(), ScanArgs.Builder.matches("auth:rt:*")).stream()
                                .collect(Collectors.toList()))
                        .hasSize(2);
            } finally {
                client.shutdown();
            }
        }
    }
}
