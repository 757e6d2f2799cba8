package dev.groundwork.examples.conduit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.auth.RefreshTokenStore;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.redis.RedisAuth;
import dev.groundwork.cache.CacheLoader;
import dev.groundwork.cache.LoadingCache;
import dev.groundwork.cache.redis.JacksonCodec;
import dev.groundwork.cache.redis.KeyCodec;
import dev.groundwork.cache.redis.RedisCache;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.RateLimiter;
import dev.groundwork.ratelimit.redis.RedisRateLimiter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Where the state several instances must share lives: in this process for one instance, or, given
 * {@code CONDUIT_REDIS_URL}, in Redis through ratelimit-redis (one limit per client across the fleet), auth-redis
 * (revocations and refresh token families) and cache-redis (article and profile caches invalidated on every
 * instance). The data itself is always in PostgreSQL.
 */
final class Fleet implements AutoCloseable {

    /** A cache as the handlers use it: read through, and forget after a write. */
    interface Cached<K, V> {
        Optional<V> get(K key);

        void invalidate(K key);

        void invalidateAll();

        /** A cache made of the three operations of whichever cache stands behind it. */
        static <K, V> Cached<K, V> of(
                java.util.function.Function<K, Optional<V>> get,
                java.util.function.Consumer<K> invalidate,
                Runnable invalidateAll) {
            return new Cached<>() {
                @Override
                public Optional<V> get(K key) {
                    return get.apply(key);
                }

                @Override
                public void invalidate(K key) {
                    invalidate.accept(key);
                }

                @Override
                public void invalidateAll() {
                    invalidateAll.run();
                }
            };
        }
    }

    private final @Nullable RedisClient client;
    private final @Nullable StatefulRedisConnection<String, String> connection;
    private final @Nullable RedisAuth auth;
    private final ObjectMapper mapper;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, LongAdder> loads = new ConcurrentHashMap<>();

    private Fleet(@Nullable String redisUrl, ObjectMapper mapper) {
        this.mapper = mapper;
        if (redisUrl == null) {
            client = null;
            connection = null;
            auth = null;
        } else {
            client = RedisClient.create(redisUrl);
            connection = client.connect();
            // While Redis is away: no 503 for readers; a token logged out through this instance stays refused.
            auth = RedisAuth.builder(connection.async(), "conduit")
                    .revocationOutage(RedisAuth.RevocationOutage.FAIL_OPEN_EXCEPT_KNOWN)
                    .build();
        }
    }

    /** The shared state for a configuration: Redis when it names one, else this process. */
    static Fleet of(Config config, ObjectMapper mapper) {
        return new Fleet(config.redisUrl(), mapper);
    }

    boolean shared() {
        return auth != null;
    }

    /** How many times this instance loaded a value into the named cache (from the database). */
    long loads(String cache) {
        LongAdder count = loads.get(cache);
        return count == null ? 0 : count.sum();
    }

    RevocationList revocations(Clock clock) {
        return auth == null ? RevocationList.inMemory(clock, 100_000) : auth.revocationList();
    }

    RefreshTokenStore refreshTokens(Clock clock) {
        return auth == null ? RefreshTokenStore.inMemory(clock, 100_000) : auth.refreshTokenStore();
    }

    /** One limit per client: in Redis it holds across the fleet; while Redis is away each instance keeps half. */
    KeyedRateLimiter<String> limiter(int perSecond) {
        Limit limit = Limit.perSecond(perSecond).burst(2L * perSecond).named("client");
        if (connection == null) {
            return RateLimiter.builder().limit(limit).buildKeyed();
        }
        return RedisRateLimiter.builder(connection.async(), "conduit:rl")
                .limit(limit)
                .onOutage(OutagePolicy.LOCAL_FALLBACK, 2)
                .build();
    }

    /**
     * A cache by string key: in this process, or in two levels with Redis (loaded once for the fleet, invalidated on
     * every instance by pub/sub).
     */
    <V> Cached<String, V> cache(
            String name, Class<V> type, Duration ttl, Duration negativeTtl, CacheLoader<String, V> source) {
        LongAdder count = loads.computeIfAbsent(name, n -> new LongAdder());
        CacheLoader<String, V> loader = key -> {
            count.increment();
            return source.load(key);
        };
        if (client == null) {
            LoadingCache<String, V> local = LoadingCache.<String, V>builder(name)
                    .maximumSize(10_000)
                    .expireAfterWrite(ttl)
                    .jitter(0.1)
                    .negativeTtl(negativeTtl)
                    .executor(Runnable::run) // loads on the request's thread, where its statements are counted
                    .loader(loader)
                    .build();
            return Cached.of(local::get, local::invalidate, local::invalidateAll);
        }
        RedisCache<String, V> shared = RedisCache.<String, V>builder(name, client)
                .namespace("conduit")
                .keyCodec(KeyCodec.strings())
                .valueCodec(JacksonCodec.of(mapper, type))
                .expireAfterWrite(ttl)
                .jitter(0.1)
                .negativeTtl(negativeTtl)
                .localMaximumSize(10_000)
                .loader(loader)
                .build();
        closeables.add(shared);
        return Cached.of(shared::get, shared::invalidate, shared::invalidateAll);
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(Fleet.class.getName())
                        .log(System.Logger.Level.WARNING, "a Redis cache did not close cleanly", e);
            }
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }
}
