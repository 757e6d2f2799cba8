package dev.groundwork.ratelimit.redis;

import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.KeyedRateLimiterContract;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.testing.RedisProcess;
import dev.groundwork.testing.TestClock;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link KeyedRateLimiter} contract of ratelimit-core, run against the Redis limiter on a real redis-server,
 * deciding on a test clock. Outages are set to fail closed, so a decision that did not come from Redis cannot pass
 * as one.
 */
class RedisKeyedRateLimiterContractTest extends KeyedRateLimiterContract {
    private static RedisProcess redis;
    private static StatefulRedisConnection<String, String> connection;

    private final TestClock clock = TestClock.at(Instant.ofEpochSecond(1_700_006_400L));

    @BeforeAll
    static void startRedis() {
        redis = new RedisProcess();
        connection = redis.connect();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected KeyedRateLimiter<String> create(List<Limit> limits) {
        return contractLimiter(connection.async(), clock, limits);
    }

    /** The limiter the contract runs against: on a test clock, failing closed, with a generous timeout. */
    static KeyedRateLimiter<String> contractLimiter(
            RedisScriptingAsyncCommands<String, String> redis, TestClock clock, List<Limit> limits) {
        RedisRateLimiter.Builder builder = RedisRateLimiter.builder(redis, "contract")
                .clock(clock)
                .timeout(Duration.ofSeconds(5))
                .onOutage(OutagePolicy.FAIL_CLOSED);
        limits.forEach(builder::limit);
        return builder.build();
    }

    @Override
    protected void advance(Duration duration) {
        clock.advance(duration);
    }
}
