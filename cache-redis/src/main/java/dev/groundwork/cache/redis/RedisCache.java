package dev.groundwork.cache.redis;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.cache.CacheLoadException;
import dev.groundwork.cache.CacheLoader;
import dev.groundwork.cache.LoadingCache;
import dev.groundwork.cache.redis.internal.RedisLevel;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cache in two levels: a Caffeine cache in this instance (L1, a {@link LoadingCache} with everything it does) in
 * front of Redis (L2), shared by every instance. A local miss reads Redis; a miss there loads the value once across
 * the fleet (the first instance takes a short lease in Redis, the others wait for its value) and keeps it in Redis
 * for its time to live, spread by jitter. {@link #put} and {@link #invalidate} reach every instance's L1 over Redis
 * pub/sub.
 *
 * <p>When Redis fails or is slow the cache goes on with L1 and the loader; after a few failures a circuit stops
 * calling Redis (no timeout is paid per call) and probes it again after the retry interval. Invalidations that
 * could not be sent are replayed when Redis answers, and every instance flushes its L1 when its subscription
 * reconnects, so no stale local entry outlives an outage. Bytes in Redis that the codec cannot read are a miss and
 * an event.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create(redisUri);
 * RedisCache<Long, Product> products = RedisCache.<Long, Product>builder("products", client)
 *         .keyCodec(KeyCodec.longs())
 *         .valueCodec(JacksonCodec.of(new ObjectMapper(), Product.class))
 *         .schemaVersion(1)
 *         .expireAfterWrite(Duration.ofMinutes(10))
 *         .jitter(0.1)
 *         .loader(id -> repository.findProduct(id))
 *         .build();
 *
 * Optional<Product> product = products.get(42L); // this instance, else Redis, else loaded once for the fleet
 * products.put(42L, renamed); // after a write: Redis and every instance's local copy
 * products.invalidate(43L); // or forget it everywhere; the next read loads it
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes its two Redis connections, not the client.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RedisCache<K, V> implements AutoCloseable {

    /** The first byte of every value this module writes; the second says value or none. */
    private static final byte MAGIC = 'G';

    private static final byte VALUE = 1;
    private static final byte NONE = 0;
    private static final int MAX_KEY_LENGTH = 4096;

    private final String name;
    private final KeyCodec<K> keys;
    private final ValueCodec<V> values;
    private final CacheLoader<K, V> loader;
    private final RedisCacheListener listener;
    private final long ttlMillis;
    private final long negativeTtlMillis;
    private final double jitter;
    private final LoadingCache<K, V> local;
    private final RedisLevel level;

    private RedisCache(Builder<K, V> b, Executor executor) {
        this.name = b.name;
        this.keys = Objects.requireNonNull(b.keys);
        this.values = Objects.requireNonNull(b.values);
        this.loader = Objects.requireNonNull(b.loader);
        this.listener = b.listener;
        this.ttlMillis = b.ttl.toMillis();
        this.negativeTtlMillis = b.negativeTtl.toMillis();
        this.jitter = b.jitter;
        // The local cache's own settings were checked and kept by its builder as they were given.
        LoadingCache.Builder<K, V> localBuilder = b.local
                .expireAfterWrite(b.localTtl == null ? b.ttl : b.localTtl)
                .executor(executor)
                .asyncLoader(this::load);
        if (b.listenerGiven) {
            // Without a listener the local cache skips its events, and its hits are cheaper.
            localBuilder.listener(b.listener);
        }
        this.local = localBuilder.build();
        this.level = new RedisLevel(
                b.client,
                new RedisLevel.Settings(
                        b.namespace,
                        b.name,
                        b.schemaVersion,
                        b.redisTimeout,
                        b.lease,
                        b.retryInterval,
                        b.failuresToOpen),
                b.listener,
                executor,
                this::invalidateLocal,
                local::invalidateAll);
    }

    /**
     * Starts a two-level cache.
     *
     * @param name the cache's name, in Redis keys, events and messages: 1–100 characters of {@code [A-Za-z0-9._-]}
     * @param client the Lettuce client of the Redis shared by the fleet; the cache opens two connections on it
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder
     */
    public static <K, V> Builder<K, V> builder(String name, RedisClient client) {
        return new Builder<>(name, client);
    }

    /**
     * Starts a two-level cache on a Redis Cluster. Values and leases are spread over the masters by key; the
     * invalidation messages travel over sharded pub/sub (Redis 7), so each stays on one shard instead of being
     * copied to every node.
     *
     * @param name the cache's name, in Redis keys, events and messages: 1–100 characters of {@code [A-Za-z0-9._-]}
     * @param client the Lettuce cluster client; the cache opens a cluster connection and a pub/sub connection on it
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder
     */
    public static <K, V> Builder<K, V> builder(String name, RedisClusterClient client) {
        return new Builder<>(name, client);
    }

    /**
     * The value of a key: from this instance while fresh, else from Redis, else loaded (once across the fleet).
     *
     * @param key the key
     * @return the value, or empty when the loader found none
     * @throws CacheLoadException when the load failed or timed out and no stale value may be served
     */
    @CheckReturnValue
    public Optional<V> get(K key) {
        return local.get(key);
    }

    /**
     * The value of a key, without blocking the caller.
     *
     * @param key the key
     * @return a future of the value (or empty), failing with a {@link CacheLoadException}
     */
    @CheckReturnValue
    public CompletableFuture<Optional<V>> getAsync(K key) {
        return local.getAsync(key);
    }

    /**
     * Stores a value (after the source of truth changed): in this instance, in Redis, and out of every other
     * instance's local cache. When Redis cannot be reached, the other instances are told once it can.
     *
     * @param key the key
     * @param value the value
     */
    public void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        String text = keyText(key);
        byte[] bytes = encode(text, Optional.of(value));
        local.put(key, value);
        if (bytes == null) {
            level.invalidate(text);
        } else {
            level.put(text, new RedisLevel.Stored(bytes, jittered(ttlMillis)));
        }
    }

    /**
     * Forgets a key in this instance, in Redis and in every other instance; the next read loads it.
     *
     * @param key the key
     */
    public void invalidate(K key) {
        String text = keyText(key);
        local.invalidate(key);
        level.invalidate(text);
    }

    /** Forgets every key of this cache (its schema version) here, in Redis and in every other instance. */
    public void invalidateAll() {
        local.invalidateAll();
        level.invalidateAll();
    }

    /**
     * The number of entries in this instance's local cache (approximate).
     *
     * @return the number of local entries
     */
    public long localSize() {
        return local.size();
    }

    /**
     * Whether Redis is in use now: false while the circuit is open after failures.
     *
     * @return true while calls go to Redis
     */
    public boolean redisAvailable() {
        return level.available();
    }

    /** Closes this cache's Redis connections (not the client); the local cache stops hearing invalidations. */
    @Override
    public void close() {
        level.close();
    }

    @Override
    public String toString() {
        return "RedisCache[" + name + "]";
    }

    /** A local miss: Redis, then the loader (on the executor), once across the fleet. */
    private CompletableFuture<Optional<V>> load(K key, Executor executor) {
        String text = keyText(key);
        return level.load(text, new RedisLevel.Fill<Optional<V>>() {
            @Override
            public @Nullable Optional<V> decode(byte[] bytes) {
                return RedisCache.this.decode(text, bytes);
            }

            @Override
            public CompletableFuture<Optional<V>> load() {
                return CompletableFuture.supplyAsync(
                        () -> {
                            Optional<V> loaded;
                            try {
                                loaded = loader.load(key);
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                            if (loaded == null) {
                                throw new CacheLoadException(
                                        CacheLoadException.Reason.NULL_RESULT,
                                        "the loader of cache " + name + " returned null, not an Optional",
                                        null);
                            }
                            return loaded;
                        },
                        executor);
            }

            @Override
            public RedisLevel.@Nullable Stored encode(Optional<V> value) {
                byte[] bytes = RedisCache.this.encode(text, value);
                return bytes == null
                        ? null
                        : new RedisLevel.Stored(bytes, jittered(value.isPresent() ? ttlMillis : negativeTtlMillis));
            }
        });
    }

    private @Nullable Optional<V> decode(String text, byte[] bytes) {
        if (bytes.length == 2 && bytes[0] == MAGIC && bytes[1] == NONE) {
            return Optional.empty();
        }
        Exception failure;
        if (bytes.length >= 2 && bytes[0] == MAGIC && bytes[1] == VALUE) {
            try {
                V value = values.decode(Arrays.copyOfRange(bytes, 2, bytes.length));
                if (value != null) {
                    return Optional.of(value);
                }
                failure = new IllegalArgumentException("the codec decoded null");
            } catch (Exception e) {
                failure = e;
            }
        } else {
            failure = new IllegalArgumentException("not a value written by groundwork-cache-redis");
        }
        listener.onCodecFailure(name, text, failure);
        return null;
    }

    private byte @Nullable [] encode(String text, Optional<V> value) {
        if (value.isEmpty()) {
            return new byte[] {MAGIC, NONE};
        }
        try {
            byte[] payload = values.encode(value.get());
            if (payload == null) {
                throw new IllegalArgumentException("the codec encoded null");
            }
            byte[] bytes = new byte[payload.length + 2];
            bytes[0] = MAGIC;
            bytes[1] = VALUE;
            System.arraycopy(payload, 0, bytes, 2, payload.length);
            return bytes;
        } catch (Exception e) {
            listener.onCodecFailure(name, text, e);
            return null;
        }
    }

    private void invalidateLocal(String text) {
        K key;
        try {
            key = keys.decode(text);
        } catch (RuntimeException e) {
            key = null;
        }
        if (key == null) {
            local.invalidateAll();
            listener.onLocalFlush(name);
        } else {
            local.invalidate(key);
        }
    }

    private String keyText(K key) {
        Objects.requireNonNull(key, "key");
        String text = keys.encode(key);
        if (text == null || text.isEmpty() || text.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the key codec of cache " + name + " must give 1-" + MAX_KEY_LENGTH
                    + " characters for a key, got " + (text == null ? "null" : text.length() + " characters"));
        }
        return text;
    }

    private long jittered(long millis) {
        if (jitter == 0) {
            return millis;
        }
        double spread = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        return Math.max(1, (long) (millis * spread));
    }

    /**
     * Configures a {@link RedisCache}; {@link #build()} checks everything and connects. Not thread-safe.
     *
     * <p>Defaults: Redis time to live 10 minutes, local the same, no jitter, "none" kept 30 seconds, 10 000 local
     * entries, load timeout 10 seconds, Redis timeout 100 ms, lease 5 seconds, circuit retry after 1 second,
     * namespace {@code gw-cache}, schema version 1.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

        private final String name;
        private final AbstractRedisClient client;
        private @Nullable KeyCodec<K> keys;
        private @Nullable ValueCodec<V> values;
        private @Nullable CacheLoader<K, V> loader;
        private String namespace = "gw-cache";
        private int schemaVersion = 1;
        private Duration ttl = Duration.ofMinutes(10);
        private @Nullable Duration localTtl;
        private double jitter;
        private Duration negativeTtl = Duration.ofSeconds(30);
        private Duration redisTimeout = Duration.ofMillis(100);
        private Duration lease = Duration.ofSeconds(5);
        private Duration retryInterval = Duration.ofSeconds(1);
        private int failuresToOpen = 5;
        private @Nullable Executor executor;
        private RedisCacheListener listener = new RedisCacheListener() {};
        private boolean listenerGiven;
        /** The local cache's builder: its own settings go there, checked by it. */
        private final LoadingCache.Builder<K, V> local;

        private Builder(String name, AbstractRedisClient client) {
            this.name = checkName("name", name);
            this.client = Objects.requireNonNull(client, "client");
            this.local = LoadingCache.<K, V>builder(this.name);
        }

        /**
         * How keys become Redis key texts and back; required ({@link KeyCodec#strings()}, {@link KeyCodec#longs()},
         * {@link KeyCodec#uuids()}, or {@link KeyCodec#of}).
         *
         * @param codec the key codec
         * @return this builder
         */
        public Builder<K, V> keyCodec(KeyCodec<K> codec) {
            this.keys = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * How values become bytes in Redis and back; required ({@link JacksonCodec} or your own).
         *
         * @param codec the value codec
         * @return this builder
         */
        public Builder<K, V> valueCodec(ValueCodec<V> codec) {
            this.values = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * How a key missing everywhere is loaded; required.
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder<K, V> loader(CacheLoader<K, V> loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * The first part of every Redis key and channel of this cache; {@code gw-cache} by default.
         *
         * @param namespace 1–100 characters of {@code [A-Za-z0-9._-]}
         * @return this builder
         */
        public Builder<K, V> namespace(String namespace) {
            this.namespace = checkName("namespace", namespace);
            return this;
        }

        /**
         * The version of the values' shape, part of every Redis key: bump it when the value type changes, and a
         * deploy never reads bytes of the old shape. An invalidation also deletes the key of the versions just
         * below and above, so two versions running side by side during a deploy do not keep each other's stale
         * copies. 1 by default.
         *
         * @param version from 1 to 1 000 000
         * @return this builder
         */
        public Builder<K, V> schemaVersion(int version) {
            if (version < 1 || version > 1_000_000) {
                throw new IllegalArgumentException("schemaVersion must be between 1 and 1000000: " + version);
            }
            this.schemaVersion = version;
            return this;
        }

        /**
         * How long a value lives in Redis (spread by {@link #jitter}); also the local time to live unless
         * {@link #localExpireAfterWrite} says otherwise. 10 minutes by default.
         *
         * @param ttl at least 1 ms
         * @return this builder
         */
        public Builder<K, V> expireAfterWrite(Duration ttl) {
            this.ttl = atLeastOneMilli("expireAfterWrite", ttl);
            return this;
        }

        /**
         * How long a value lives in this instance's local cache; by default the same as in Redis. Shorter bounds
         * how long an instance may serve a value changed without this cache's {@code put} or {@code invalidate}.
         *
         * @param ttl at least 1 ms
         * @return this builder
         */
        public Builder<K, V> localExpireAfterWrite(Duration ttl) {
            this.localTtl = atLeastOneMilli("localExpireAfterWrite", ttl);
            return this;
        }

        /**
         * Spreads each entry's time to live, locally and in Redis, by ± this fraction.
         *
         * @param fraction from 0 (none, the default) to 0.5
         * @return this builder
         */
        public Builder<K, V> jitter(double fraction) {
            local.jitter(fraction);
            this.jitter = fraction;
            return this;
        }

        /**
         * How long "none" (the loader's {@code Optional.empty()}) is kept, locally and in Redis; 30 s by default.
         *
         * @param ttl at least 1 ms
         * @return this builder
         */
        public Builder<K, V> negativeTtl(Duration ttl) {
            this.negativeTtl = atLeastOneMilli("negativeTtl", ttl);
            local.negativeTtl(ttl);
            return this;
        }

        /**
         * How long after local expiry a value may still be served when its reload fails; none by default.
         *
         * @param window zero or positive
         * @return this builder
         */
        public Builder<K, V> staleIfError(Duration window) {
            local.staleIfError(window);
            return this;
        }

        /**
         * The most entries in this instance's local cache; 10 000 by default.
         *
         * @param entries at least 1
         * @return this builder
         */
        public Builder<K, V> localMaximumSize(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("localMaximumSize must be at least 1: " + entries);
            }
            local.maximumSize(entries);
            return this;
        }

        /**
         * How long a caller waits for a value that missed locally (Redis, waiting for another instance, and the
         * loader together) before {@link CacheLoadException.Reason#TIMED_OUT}; 10 s by default.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder<K, V> loadTimeout(Duration timeout) {
            local.loadTimeout(atLeastOneMilli("loadTimeout", timeout));
            return this;
        }

        /**
         * The longest wait for one Redis call before the cache goes on without it; 100 ms by default.
         *
         * @param timeout between 1 ms and 10 s
         * @return this builder
         */
        public Builder<K, V> redisTimeout(Duration timeout) {
            this.redisTimeout = between("redisTimeout", timeout, Duration.ofMillis(1), Duration.ofSeconds(10));
            return this;
        }

        /**
         * How long the instance that loads a key holds its lease; the others wait at most this long for its value
         * and then load it themselves, so an instance that dies while loading costs at most this. 5 s by default.
         *
         * @param lease between 10 ms and 5 minutes
         * @return this builder
         */
        public Builder<K, V> lease(Duration lease) {
            this.lease = between("lease", lease, Duration.ofMillis(10), Duration.ofMinutes(5));
            return this;
        }

        /**
         * How long the circuit stays open after Redis failed (calls skip Redis meanwhile) before one call probes
         * it; 1 s by default.
         *
         * @param interval between 1 ms and 10 minutes
         * @return this builder
         */
        public Builder<K, V> retryInterval(Duration interval) {
            this.retryInterval = between("retryInterval", interval, Duration.ofMillis(1), Duration.ofMinutes(10));
            return this;
        }

        /**
         * How many Redis calls are counted before a failure rate of half or more of the last ten opens the circuit;
         * 5 by default.
         *
         * @param calls from 1 to 10
         * @return this builder
         */
        public Builder<K, V> failuresToOpen(int calls) {
            if (calls < 1 || calls > 10) {
                throw new IllegalArgumentException("failuresToOpen must be between 1 and 10: " + calls);
            }
            this.failuresToOpen = calls;
            return this;
        }

        /**
         * Where loads (Redis reads included) and recovery run; by default cache-core's shared pool for blocking
         * loads.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder<K, V> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Who hears local and Redis events; nobody by default.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder<K, V> listener(RedisCacheListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            this.listenerGiven = true;
            return this;
        }

        /**
         * Builds the cache and connects to Redis (two connections: commands and invalidations).
         *
         * @return the cache
         * @throws IllegalStateException without a key codec, value codec or loader
         * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached at all
         */
        public RedisCache<K, V> build() {
            if (keys == null || values == null || loader == null) {
                throw new IllegalStateException(
                        "cache " + name + " needs keyCodec(...), valueCodec(...) and loader(...)");
            }
            Executor pool = executor;
            return new RedisCache<>(this, pool == null ? LoadingCache.defaultExecutor() : pool);
        }

        private static String checkName(String what, String value) {
            Objects.requireNonNull(value, what);
            if (!NAME.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        what + " must be 1-100 characters of [A-Za-z0-9._-], got \"" + value + "\"");
            }
            return value;
        }

        private static Duration atLeastOneMilli(String what, Duration value) {
            return between(what, value, Duration.ofMillis(1), Duration.ofDays(365_000));
        }

        private static Duration between(String what, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, what);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ": " + value);
            }
            return value;
        }
    }
}
