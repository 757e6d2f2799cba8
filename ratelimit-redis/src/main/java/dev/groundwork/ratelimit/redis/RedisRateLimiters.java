package dev.groundwork.ratelimit.redis;

import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.util.Objects;

/**
 * Entry point for rate limiters shared by many instances through Redis: every decision is one atomic Lua call
 * ({@code EVALSHA}), so the fleet enforces one global limit per key.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create("redis://localhost:6379");
 * StatefulRedisConnection<String, String> connection = client.connect();
 * KeyedRateLimiter<String> perClient = RedisRateLimiters.builder(connection.async(), "rl:api")
 *         .limit(Limit.perSecond(20).burst(40))
 *         .limit(Limit.perDay(10_000).named("daily"))
 *         .timeout(Duration.ofMillis(50))
 *         .onOutage(OutagePolicy.LOCAL_FALLBACK, 4)
 *         .build();
 * Decision d = perClient.tryAcquire(clientId);
 * }</pre>
 */
public final class RedisRateLimiters {

    private RedisRateLimiters() {}

    /**
     * A builder for a limiter on Redis.
     *
     * @param redis the scripting commands of a Lettuce connection ({@code connection.async()} of a standalone,
     *     Sentinel-managed or Cluster connection); one connection serves every thread
     * @param namespace the prefix of every key this limiter writes ({@code namespace:plan:key}, where {@code plan}
     *     fingerprints the limits and {@code :} in the key is percent-encoded), 1–100 characters of
     *     {@code [A-Za-z0-9._:{}-]}; limiters with the same limits in one namespace share their counts, limiters
     *     with different limits never touch each other's keys
     * @return a new builder
     */
    public static RedisRateLimiterBuilder builder(RedisScriptingAsyncCommands<String, String> redis, String namespace) {
        return new RedisRateLimiterBuilder(Objects.requireNonNull(redis, "redis"), namespace);
    }
}
