package dev.groundwork.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.testing.ReadmeSnippets;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's quickstart, exactly as printed, against a real redis-server. */
class ReadmeQuickstartTest {

    /** What a handler writes to: a status and headers. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new LinkedHashMap<>();

        void setHeader(String name, String value) {
            headers.put(name, value);
        }

        void setStatus(int status) {
            this.status = status;
        }
    }

    @Test
    void theTestHoldsTheJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/ratelimit/redis/ReadmeQuickstartTest.java")))
                .isEqualTo(1);
    }

    @Test
    void theTestHoldsTheReadmeBlock() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"),
                        Path.of("src/test/java/dev/groundwork/ratelimit/redis/ReadmeQuickstartTest.java")))
                .isEqualTo(1);
    }

    @Test
    void limitsAnApiKeyAcrossInstances() {
        try (RedisProcess redis = new RedisProcess()) {
            String redisUri = "redis://127.0.0.1:" + redis.port();
            String apiKey = "client-7";
            Response response = new Response();
            // A first decision in a cold JVM (classes loaded, code not yet compiled, the script not yet in Redis)
            // can take longer than the quickstart's 50 ms timeout on a loaded machine: one decision first, with the
            // same limits, unhurried, on the fixture's own connection.
            assertThat(RedisRateLimiter.builder(redis.connect().async(), "rl:warm-up")
                            .limit(Limit.perSecond(20).burst(40).named("burst"))
                            .limit(Limit.perDay(10_000).named("daily"))
                            .timeout(Duration.ofSeconds(5))
                            .build()
                            .tryAcquire(apiKey)
                            .source())
                    .isEqualTo(Decision.Source.LIMITER);

            // region RedisRateLimiter
            RedisClient client = RedisClient.create(redisUri);
            StatefulRedisConnection<String, String> connection = client.connect();

            KeyedRateLimiter<String> perClient = RedisRateLimiter.builder(connection.async(), "rl:api")
                    .limit(Limit.perSecond(20).burst(40).named("burst"))
                    .limit(Limit.perDay(10_000).named("daily"))
                    .timeout(Duration.ofMillis(50))
                    .onOutage(OutagePolicy.LOCAL_FALLBACK, 4) // 4 instances share the limits
                    .build();

            Decision d = perClient.tryAcquire(apiKey); // or tryAcquireAsync(apiKey, 1)
            d.headers().forEach(response::setHeader);
            if (!d.allowed()) {
                response.setStatus(429);
            }
            // endregion

            try {
                assertThat(d.source()).isEqualTo(Decision.Source.LIMITER);
                assertThat(response.status).isEqualTo(200);
                assertThat(response.headers)
                        .containsEntry("RateLimit-Policy", "\"burst\";q=40;w=2, \"daily\";q=10000;w=86400");
                assertThat(perClient.tryAcquire(apiKey, 39).allowed()).isTrue();
                assertThat(perClient.tryAcquire(apiKey).allowed()).isFalse();
            } finally {
                client.shutdown();
            }
        }
    }
}
