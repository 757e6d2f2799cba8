package dev.groundwork.ratelimit.redis;

import dev.groundwork.ratelimit.Algorithm;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.RateLimitListener;
import dev.groundwork.ratelimit.RateLimiter;
import dev.groundwork.ratelimit.redis.internal.RedisKeyedLimiter;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Entry point for rate limiters shared by many instances through Redis: every decision is one atomic Lua call
 * ({@code EVALSHA}), so the fleet enforces one global limit per key.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create(redisUri);
 * StatefulRedisConnection<String, String> connection = client.connect();
 *
 * KeyedRateLimiter<String> perClient = RedisRateLimiter.builder(connection.async(), "rl:api")
 *         .limit(Limit.perSecond(20).burst(40).named("burst"))
 *         .limit(Limit.perDay(10_000).named("daily"))
 *         .timeout(Duration.ofMillis(50))
 *         .onOutage(OutagePolicy.LOCAL_FALLBACK, 4) // 4 instances share the limits
 *         .build();
 *
 * Decision d = perClient.tryAcquire(apiKey); // or tryAcquireAsync(apiKey, 1)
 * d.headers().forEach(response::setHeader);
 * if (!d.allowed()) {
 *     response.setStatus(429);
 * }
 * }</pre>
 */
public final class RedisRateLimiter {

    private RedisRateLimiter() {}

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
    public static Builder builder(RedisScriptingAsyncCommands<String, String> redis, String namespace) {
        return new Builder(Objects.requireNonNull(redis, "redis"), namespace);
    }

    /**
     * Configures a {@link KeyedRateLimiter} on Redis; start from {@link RedisRateLimiter#builder}. Validated by
     * {@link #build()}. Not thread-safe; the limiter it builds is.
     *
     * <p>Defaults: a 50 ms timeout per decision; when Redis fails or is slow, {@link OutagePolicy#LOCAL_FALLBACK}
     * with one instance (each instance then enforces the full limit on its own, so a client spread over N instances
     * gets at most N times its limit, and no instance is left unprotected); Redis is tried again 1 s after a
     * failure; the Redis server's clock.
     */
    public static final class Builder {

        private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._:{}-]{1,100}");
        /** Lua numbers are doubles: every product the script forms must stay below 2^53 to be exact. */
        private static final long EXACT = 1L << 53;

        private final RedisScriptingAsyncCommands<String, String> redis;
        private final String namespace;
        private final List<Limit> limits = new ArrayList<>();
        private Duration timeout = Duration.ofMillis(50);
        private OutagePolicy outagePolicy = OutagePolicy.LOCAL_FALLBACK;
        private int instances = 1;
        private Duration retryInterval = Duration.ofSeconds(1);
        private @Nullable Clock clock;
        private RateLimitListener listener = RateLimitListener.none();
        private long fallbackMaxKeys = 100_000;
        private Function<Object, String> keyText = String::valueOf;
        private int denyCacheKeys;

        Builder(RedisScriptingAsyncCommands<String, String> redis, String namespace) {
            Objects.requireNonNull(namespace, "namespace");
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException(
                        "namespace must be 1-100 characters of [A-Za-z0-9._:{}-], got \"" + namespace + "\"");
            }
            this.redis = redis;
            this.namespace = namespace;
        }

        /**
         * Adds a limit; a request must pass every limit added. On Redis the clock has microsecond resolution, so a
         * limit may admit at most one unit per microsecond, and a sliding window's quota times its window in
         * microseconds must stay below 2^53.
         *
         * @param limit the limit
         * @return this builder
         */
        public Builder limit(Limit limit) {
            Objects.requireNonNull(limit, "limit");
            long windowMicros = limit.window().toNanos() / 1_000;
            if (limit.quota() > windowMicros) {
                throw new IllegalArgumentException("limit '" + limit.name() + "' asks for more than one unit per"
                        + " microsecond, the resolution of the Redis clock");
            }
            if (limit.algorithm() == Algorithm.SLIDING_WINDOW && limit.quota() > EXACT / windowMicros) {
                throw new IllegalArgumentException("sliding window '" + limit.name() + "': quota " + limit.quota()
                        + " times the window in microseconds exceeds 2^53, beyond exact arithmetic in Redis Lua;"
                        + " use GCRA or a fixed window");
            }
            limits.add(limit);
            return this;
        }

        /**
         * The longest one decision waits for Redis before the outage policy decides instead (50 ms by default).
         *
         * @param timeout between 1 ms and 10 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 10 s, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * What to decide when Redis fails or exceeds the timeout. For {@link OutagePolicy#LOCAL_FALLBACK} this uses one
         * instance; prefer {@link #onOutage(OutagePolicy, int)} with the fleet size.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder onOutage(OutagePolicy policy) {
            return onOutage(policy, 1);
        }

        /**
         * What to decide when Redis fails or exceeds the timeout. With {@link OutagePolicy#LOCAL_FALLBACK} each
         * instance enforces every limit divided by {@code instances} (at least one unit), in memory, until Redis
         * answers again.
         *
         * @param policy the policy
         * @param instances the number of instances sharing the limits, at least 1
         * @return this builder
         */
        public Builder onOutage(OutagePolicy policy, int instances) {
            this.outagePolicy = Objects.requireNonNull(policy, "policy");
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1, got " + instances);
            }
            this.instances = instances;
            return this;
        }

        /**
         * How long after a failure the limiter decides by the outage policy alone before it tries Redis again (1 s by
         * default), so a dead Redis costs one timeout per interval, not one per request.
         *
         * @param retryInterval between 1 ms and 1 minute
         * @return this builder
         */
        public Builder retryInterval(Duration retryInterval) {
            Objects.requireNonNull(retryInterval, "retryInterval");
            if (retryInterval.compareTo(Duration.ofMillis(1)) < 0
                    || retryInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException(
                        "retryInterval must be between 1 ms and 1 minute, got " + retryInterval);
            }
            this.retryInterval = retryInterval;
            return this;
        }

        /**
         * Decide with this clock instead of the Redis server's {@code TIME}. Every instance must then keep its clock
         * in sync (NTP); skew between instances shifts their decisions by the skew. The default, Redis time, needs
         * no synchronisation at all.
         *
         * @param clock the callers' clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Who hears about decisions, Redis failures and recoveries; nobody by default.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(RateLimitListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How a key becomes the text of its Redis key ({@link String#valueOf} by default). The text must be at most
         * 1 000 characters.
         *
         * @param keyText the mapping
         * @return this builder
         */
        public Builder keyText(Function<Object, String> keyText) {
            this.keyText = Objects.requireNonNull(keyText, "keyText");
            return this;
        }

        /**
         * The local fallback limiter's bound on keys in memory (100 000 by default).
         *
         * @param maxKeys at least 1
         * @return this builder
         */
        public Builder fallbackMaxKeys(long maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("fallbackMaxKeys must be at least 1, got " + maxKeys);
            }
            this.fallbackMaxKeys = maxKeys;
            return this;
        }

        /**
         * Remember refusals in this instance until their retry time, for up to {@code maxKeys} keys, and answer repeated
         * requests for those keys without calling Redis (off by default, like Envoy's over-limit cache). A client
         * hammering past its limit then costs Redis one call per retry period per instance instead of one per request.
         * It never refuses what Redis would admit: until a refusal's retry time other instances can only take more
         * units, and the time is counted from before Redis decided. A smaller cost than the remembered one goes to
         * Redis. Cached refusals say {@link dev.groundwork.ratelimit.Decision.Source#CACHED_REFUSAL}; their remaining
         * counts are Redis's from the original refusal and can be slightly low.
         *
         * @param maxKeys keys remembered at most, 1 to 10 000 000; 0 turns the cache off
         * @return this builder
         */
        public Builder denyCache(int maxKeys) {
            if (maxKeys < 0 || maxKeys > 10_000_000) {
                throw new IllegalArgumentException(
                        "denyCache maxKeys must be between 0 and 10 000 000, got " + maxKeys);
            }
            this.denyCacheKeys = maxKeys;
            return this;
        }

        /**
         * The limiter. It loads its script into Redis lazily: the first decision (and the first after Redis lost its
         * scripts) sends the script text once, every other decision only its SHA-1.
         *
         * @param <K> the key type
         * @return the limiter
         * @throws IllegalArgumentException if no limit was added or two limits share a name
         */
        public <K> KeyedRateLimiter<K> build() {
            RateLimiter.Builder local = RateLimiter.builder().listener(listener).maxKeys(fallbackMaxKeys);
            for (Limit limit : limits) {
                local.limit(share(limit, instances));
            }
            KeyedRateLimiter<Object> fallback = local.buildKeyed(); // also validates: at least one limit, unique names
            return new RedisKeyedLimiter<>(
                    redis,
                    namespace,
                    limits,
                    timeout,
                    outagePolicy,
                    retryInterval,
                    clock,
                    listener,
                    fallback,
                    keyText,
                    denyCacheKeys);
        }

        private static Limit share(Limit limit, int instances) {
            long quota = Math.max(1, limit.quota() / instances);
            long burst = limit.algorithm() == Algorithm.GCRA ? Math.max(1, limit.burst() / instances) : quota;
            return new Limit(limit.name(), quota, limit.window(), burst, limit.algorithm());
        }
    }
}
