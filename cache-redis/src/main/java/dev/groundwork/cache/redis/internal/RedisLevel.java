package dev.groundwork.cache.redis.internal;

import dev.groundwork.cache.redis.RedisCacheListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The Redis level of a two-level cache, in terms of key texts and bytes: reads, the fleet-wide single-flight lease,
 * writes that invalidate every instance, the circuit, and recovery after an outage.
 *
 * <p>Keys: {@code <namespace>:<cache>:v<schema>:{<key>}} holds a value, the same plus {@code :lease} the lease of
 * the instance loading it. The braces make both one Redis Cluster hash slot. Invalidations go to the channel
 * {@code <namespace>:<cache>:events} (on a cluster, the sharded channels {@code <namespace>:<cache>:events:0} to
 * {@code :7}; see {@link MessageBus}) as {@code <instance> <kind> <key>}, kind {@code I} (invalidate), {@code F}
 * (filled: wake waiters) or {@code A} (everything).
 */
public final class RedisLevel implements AutoCloseable {

    /** Loads that need the cache's codec and loader; the level knows only bytes. */
    public interface Fill<T> {
        /**
         * The value of bytes from Redis.
         *
         * @param bytes the bytes
         * @return the value, or null when the bytes cannot be decoded
         */
        @Nullable
        T decode(byte[] bytes);

        /**
         * Starts loading the value from the source of truth (the blocking loader runs on the cache's executor).
         *
         * @return the value to come; it fails when the loader fails
         */
        CompletableFuture<T> load();

        /**
         * The bytes to keep in Redis for a loaded value, and for how long.
         *
         * @param value the value
         * @return the bytes and time to live, or null to keep the value out of Redis
         */
        @Nullable
        Stored encode(T value);
    }

    /**
     * Bytes to keep in Redis.
     *
     * @param bytes the bytes
     * @param ttlMillis their time to live
     */
    public record Stored(byte[] bytes, long ttlMillis) {}

    /** A Redis call that was skipped (circuit open) or failed: the caller goes on without Redis. */
    private static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable() {
            super("Redis unavailable", null, false, false);
        }
    }

    private static final Unavailable UNAVAILABLE = new Unavailable();

    /** The token of a load that holds no lease: it stores only where no lease exists. */
    private static final String NO_LEASE = "-";

    /** Keys whose invalidation could not reach Redis, replayed when it answers again. */
    private static final int PENDING_LIMIT = 10_000;

    private static final String LEASE = """
            local v = redis.call('GET', KEYS[1])
            if v and ARGV[3] == '0' then return {1, v} end
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {2} end
            return {3}
            """;
    private static final String FILL = """
            local lease = redis.call('GET', KEYS[2])
            local wrote = 0
            if ARGV[2] ~= '' and (not lease or lease == ARGV[1]) then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              wrote = 1
            end
            if lease == ARGV[1] then redis.call('DEL', KEYS[2]) end
            if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
            return wrote
            """;
    private static final String PUT = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[2])
            if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
            return 1
            """;
    private static final String INVALIDATE = """
            redis.call('DEL', unpack(KEYS))
            if ARGV[1] ~= '' then redis.call('PUBLISH', ARGV[1], ARGV[2]) end
            return 1
            """;

    private final String cacheName;
    private final String prefix;
    private final String familyPrefix;
    private final int schemaVersion;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final long timeoutNanos;
    private final long leaseMillis;
    private final RedisCacheListener listener;
    private final Executor executor;
    private final Consumer<String> invalidateLocal;
    private final Runnable flushLocal;
    private final StatefulConnection<String, byte[]> connection;
    private final RedisClusterAsyncCommands<String, byte[]> redis;
    private final MessageBus bus;
    private final CircuitBreaker circuit;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pendingOverflow = new AtomicBoolean();
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long retryNanos;

    /**
     * Connects to Redis and subscribes to the cache's channels.
     *
     * @param client the Lettuce client: a {@link RedisClient} or a {@link RedisClusterClient}
     * @param settings names, times and the circuit's settings
     * @param listener who hears events
     * @param executor where recovery work runs
     * @param invalidateLocal drops one key (by its text) from the local cache
     * @param flushLocal drops every local entry
     */
    public RedisLevel(
            AbstractRedisClient client,
            Settings settings,
            RedisCacheListener listener,
            Executor executor,
            Consumer<String> invalidateLocal,
            Runnable flushLocal) {
        this.cacheName = settings.cacheName();
        this.familyPrefix = settings.namespace() + ":" + settings.cacheName() + ":v";
        this.schemaVersion = settings.schemaVersion();
        this.prefix = familyPrefix + schemaVersion + ":";
        String channel = settings.namespace() + ":" + settings.cacheName() + ":events";
        this.timeoutNanos = settings.redisTimeout().toNanos();
        this.leaseMillis = Math.max(1, settings.lease().toMillis());
        this.retryNanos = settings.retryInterval().toNanos();
        this.listener = listener;
        this.executor = executor;
        this.invalidateLocal = invalidateLocal;
        this.flushLocal = flushLocal;
        this.circuit = CircuitBreaker.of(
                "groundwork-cache-" + cacheName,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(settings.failuresToOpen())
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.retryInterval())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        circuit.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                if (event.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                    listener.onRedisUnavailable(cacheName);
                }
                probeLater();
            } else if (to == CircuitBreaker.State.CLOSED) {
                executor.execute(() -> {
                    recover();
                    listener.onRedisAvailable(cacheName);
                });
            }
        });
        MessageBus.Receiver receiver = new MessageBus.Receiver() {
            @Override
            public void onMessage(String message) {
                RedisLevel.this.onMessage(message);
            }

            @Override
            public void onLost() {
                executor.execute(() -> {
                    flushLocal.run();
                    listener.onLocalFlush(cacheName);
                    recover();
                });
            }
        };
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        // The client's kind decides both the connection and how invalidations travel (see MessageBus).
        if (client instanceof RedisClusterClient cluster) {
            LettuceFeatures.requireShardedPubSub();
            StatefulRedisClusterConnection<String, byte[]> clustered = cluster.connect(codec);
            this.connection = clustered;
            this.redis = clustered.async();
            this.bus = closingOnFailure(
                    connection,
                    () -> new MessageBus.Sharded(cluster, redis, channel, instance, receiver, executor, retryNanos));
        } else if (client instanceof RedisClient single) {
            StatefulRedisConnection<String, byte[]> one = single.connect(codec);
            this.connection = one;
            this.redis = one.async();
            this.bus = closingOnFailure(connection, () -> new MessageBus.Classic(single, channel, receiver));
        } else {
            throw new IllegalArgumentException("a RedisClient or a RedisClusterClient, not " + client.getClass());
        }
    }

    /** Subscribes, closing the command connection if that fails: a cache that fails to build leaves nothing open. */
    private static MessageBus closingOnFailure(
            StatefulConnection<String, byte[]> connection, Supplier<MessageBus> subscribe) {
        try {
            return subscribe.get();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The names, times and circuit settings of a level.
     *
     * @param namespace the first part of every Redis key
     * @param cacheName the cache's name
     * @param schemaVersion the version of the values' shape
     * @param redisTimeout the longest wait for one Redis call
     * @param lease how long a loading instance holds a key's lease, and the longest others wait for it
     * @param retryInterval how long the circuit stays open before one probe
     * @param failuresToOpen calls counted before the failure rate may open the circuit
     */
    public record Settings(
            String namespace,
            String cacheName,
            int schemaVersion,
            Duration redisTimeout,
            Duration lease,
            Duration retryInterval,
            int failuresToOpen) {}

    /**
     * The value of a key that missed locally: from Redis, or loaded once across the fleet and kept in Redis. No
     * thread is held while Redis answers or while another instance loads.
     *
     * @param text the key's text
     * @param fill how to decode, load and encode
     * @param <T> the value type
     * @return the value to come; it fails only when the loader fails
     */
    public <T> CompletableFuture<T> load(String text, Fill<T> fill) {
        String valueKey = valueKey(text);
        return call(() -> redis.get(valueKey))
                .handle((held, failure) -> {
                    if (failure != null) {
                        return fill.load();
                    }
                    if (held != null) {
                        T value = fill.decode(held);
                        if (value != null) {
                            listener.onRedisHit(cacheName);
                            return CompletableFuture.completedFuture(value);
                        }
                    }
                    return miss(text, valueKey, held != null, fill);
                })
                .thenCompose(Function.identity());
    }

    /** A Redis miss: take the key's lease and load, or wait for the instance that holds it. */
    private <T> CompletableFuture<T> miss(String text, String valueKey, boolean undecodable, Fill<T> fill) {
        listener.onRedisMiss(cacheName);
        String leaseKey = valueKey + ":lease";
        CompletableFuture<Void> woken = waiters.computeIfAbsent(text, k -> new CompletableFuture<>());
        String token = instance + ":" + UUID.randomUUID();
        CompletableFuture<T> result = this.<List<Object>>script(
                        LEASE,
                        ScriptOutputType.MULTI,
                        new String[] {valueKey, leaseKey},
                        bytes(token),
                        bytes(Long.toString(leaseMillis)),
                        bytes(undecodable ? "1" : "0"))
                .handle((reply, failure) -> {
                    if (failure != null) {
                        return fill.load();
                    }
                    long outcome = (Long) reply.get(0);
                    if (outcome == 1) {
                        T value = fill.decode((byte[]) reply.get(1));
                        if (value != null) {
                            listener.onRedisHit(cacheName);
                            return CompletableFuture.completedFuture(value);
                        }
                        return loadAndStore(text, valueKey, leaseKey, NO_LEASE, fill);
                    }
                    if (outcome == 2) {
                        return loadAndStore(text, valueKey, leaseKey, token, fill);
                    }
                    return waitForHolder(text, valueKey, leaseKey, woken, fill);
                })
                .thenCompose(Function.identity());
        result.whenComplete((value, failure) -> waiters.remove(text, woken));
        return result;
    }

    /** Another instance holds the lease: its value when it arrives in time, else a load of our own. */
    private <T> CompletableFuture<T> waitForHolder(
            String text, String valueKey, String leaseKey, CompletableFuture<Void> woken, Fill<T> fill) {
        return woken.copy()
                .orTimeout(leaseMillis, TimeUnit.MILLISECONDS)
                .handle((arrived, timedOut) -> {
                    listener.onFleetWait(cacheName, timedOut == null);
                    if (timedOut != null) {
                        return loadAndStore(text, valueKey, leaseKey, NO_LEASE, fill);
                    }
                    return call(() -> redis.get(valueKey))
                            .handle((bytes, failure) -> {
                                T value = failure == null && bytes != null ? fill.decode(bytes) : null;
                                return value != null
                                        ? CompletableFuture.completedFuture(value)
                                        : loadAndStore(text, valueKey, leaseKey, NO_LEASE, fill);
                            })
                            .thenCompose(Function.identity());
                })
                .thenCompose(Function.identity());
    }

    /**
     * Loads, then stores the value unless another instance's lease (or an invalidation, which drops the lease)
     * says it may be stale; always releases the lease and wakes the waiters, who load for themselves after a
     * failure.
     */
    private <T> CompletableFuture<T> loadAndStore(
            String text, String valueKey, String leaseKey, String token, Fill<T> fill) {
        return fill.load()
                .handle((value, failure) -> {
                    Stored stored = failure == null ? fill.encode(value) : null;
                    return release(text, valueKey, leaseKey, token, stored).handle((released, ignored) -> {
                        if (failure != null) {
                            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                        }
                        return value;
                    });
                })
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Long> release(
            String text, String valueKey, String leaseKey, String token, @Nullable Stored stored) {
        String filled = message('F', text);
        return thenPublish(
                script(
                        FILL,
                        ScriptOutputType.INTEGER,
                        new String[] {valueKey, leaseKey},
                        bytes(token),
                        stored == null ? new byte[0] : stored.bytes(),
                        bytes(Long.toString(stored == null ? 1 : Math.max(1, stored.ttlMillis()))),
                        bytes(bus.scriptChannel(text)),
                        bytes(filled)),
                text,
                filled);
    }

    /**
     * A write script's reply once its message is sent too: on a cluster the message goes after the script (see
     * {@link MessageBus}); elsewhere the script sent it.
     */
    private <T> CompletableFuture<T> thenPublish(CompletableFuture<T> written, String text, String message) {
        if (!bus.scriptChannel(text).isEmpty()) {
            return written;
        }
        return written.thenCompose(
                result -> call(() -> bus.after(redis, text, message)).thenApply(sent -> result));
    }

    /**
     * Stores a value for every instance and invalidates their local copies; a load in flight elsewhere loses its
     * lease, so it cannot store an older value afterwards.
     *
     * @param text the key's text
     * @param stored the bytes and their time to live
     */
    public void put(String text, Stored stored) {
        String valueKey = valueKey(text);
        String invalidated = message('I', text);
        try {
            await(thenPublish(
                    script(
                            PUT,
                            ScriptOutputType.INTEGER,
                            new String[] {valueKey, valueKey + ":lease"},
                            stored.bytes(),
                            bytes(Long.toString(Math.max(1, stored.ttlMillis()))),
                            bytes(bus.scriptChannel(text)),
                            bytes(invalidated)),
                    text,
                    invalidated));
        } catch (Unavailable e) {
            remember(text);
        }
    }

    /**
     * Deletes a key in Redis (under this schema version and its neighbours, so a rolling deploy between two
     * versions does not keep the other's copy) and invalidates every instance's local copy.
     *
     * @param text the key's text
     */
    public void invalidate(String text) {
        if (!tryInvalidate(text)) {
            remember(text);
        }
    }

    private boolean tryInvalidate(String text) {
        String valueKey = valueKey(text);
        String[] keys = {
            valueKey,
            valueKey + ":lease",
            familyPrefix + (schemaVersion - 1) + ":" + hashTag(text),
            familyPrefix + (schemaVersion + 1) + ":" + hashTag(text)
        };
        try {
            String invalidated = message('I', text);
            await(thenPublish(
                    script(
                            INVALIDATE,
                            ScriptOutputType.INTEGER,
                            keys,
                            bytes(bus.scriptChannel(text)),
                            bytes(invalidated)),
                    text,
                    invalidated));
            return true;
        } catch (Unavailable e) {
            return false;
        }
    }

    /**
     * Deletes every key of this cache's schema version in Redis and flushes every instance's local cache.
     *
     * @return whether Redis was reached; if not, the flush is replayed when it answers again
     */
    public boolean invalidateAll() {
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(500);
            do {
                ScanCursor from = cursor;
                KeyScanCursor<String> page = await(call(() -> redis.scan(from, args)));
                if (!page.getKeys().isEmpty()) {
                    String[] keys = page.getKeys().toArray(new String[0]);
                    await(call(() -> redis.unlink(keys)));
                }
                cursor = page;
            } while (!cursor.isFinished());
            await(call(() -> bus.toAll(redis, message('A', ""))));
            return true;
        } catch (Unavailable e) {
            pendingOverflow.set(true);
            return false;
        }
    }

    private void remember(String text) {
        if (pending.size() < PENDING_LIMIT) {
            pending.add(text);
        } else {
            pendingOverflow.set(true);
        }
    }

    /**
     * Probes Redis one retry interval from now, and again until the circuit closes: recovery (the replay of missed
     * invalidations, the local flush) must not wait for a request that happens to miss locally.
     */
    private void probeLater() {
        if (closed.get()) {
            return;
        }
        CompletableFuture.delayedExecutor(retryNanos, TimeUnit.NANOSECONDS, executor)
                .execute(() -> {
                    if (closed.get() || circuit.getState() == CircuitBreaker.State.CLOSED) {
                        return;
                    }
                    try {
                        await(call(() -> redis.ping()));
                    } catch (Unavailable e) {
                        // The failure reopened the circuit, which schedules the next probe.
                        return;
                    }
                    if (circuit.getState() != CircuitBreaker.State.CLOSED) {
                        probeLater();
                    }
                });
    }

    /** After an outage: replays the invalidations that could not be sent, and flushes the local cache. */
    private void recover() {
        if (!recovering.compareAndSet(false, true)) {
            return;
        }
        try {
            if (pendingOverflow.getAndSet(false)) {
                if (invalidateAll()) {
                    pending.clear();
                }
            }
            for (String text : pending) {
                if (tryInvalidate(text)) {
                    pending.remove(text);
                }
            }
            flushLocal.run();
        } finally {
            recovering.set(false);
        }
    }

    private void onMessage(String message) {
        int first = message.indexOf(' ');
        if (first < 0 || message.length() < first + 3 || message.charAt(first + 2) != ' ') {
            flushLocal.run();
            listener.onLocalFlush(cacheName);
            return;
        }
        boolean mine = message.regionMatches(0, instance, 0, first) && first == instance.length();
        char kind = message.charAt(first + 1);
        String text = message.substring(first + 3);
        if (kind == 'A') {
            if (!mine) {
                flushLocal.run();
                listener.onLocalFlush(cacheName);
            }
            return;
        }
        if (kind == 'I' && !mine) {
            invalidateLocal.accept(text);
        }
        CompletableFuture<Void> waiting = waiters.get(text);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    private String message(char kind, String text) {
        return instance + " " + kind + " " + text;
    }

    private String valueKey(String text) {
        return prefix + hashTag(text);
    }

    private <T> CompletableFuture<T> script(String script, ScriptOutputType type, String[] keys, byte[]... args) {
        String sha = Scripts.sha1(script);
        return call(() -> redis.<T>evalsha(sha, type, keys, args)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                        ? redis.<T>eval(script, type, keys, args).toCompletableFuture()
                        : CompletableFuture.failedFuture(unwrap(failure))));
    }

    /**
     * One Redis call through the circuit, bounded by the Redis timeout. The future fails (with {@link Unavailable}
     * inside) when the circuit is open, Redis fails, or the timeout passes; a timed-out command is cancelled, so a
     * reconnect does not send it late.
     */
    private <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> command) {
        if (!circuit.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(UNAVAILABLE);
        }
        long started = System.nanoTime();
        CompletableFuture<T> reply;
        try {
            reply = command.get().toCompletableFuture();
        } catch (RuntimeException e) {
            failed(started, e);
            return CompletableFuture.failedFuture(UNAVAILABLE);
        }
        return reply.copy().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).handle((result, failure) -> {
            if (failure == null) {
                circuit.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return result;
            }
            reply.cancel(true);
            failed(started, unwrap(failure));
            throw new CompletionException(UNAVAILABLE);
        });
    }

    private void failed(long started, Throwable cause) {
        circuit.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, cause);
        listener.onRedisFailure(cacheName, cause);
    }

    /** Waits for a call from a method that must finish before it returns (writes, recovery). */
    private static <T> T await(CompletableFuture<T> call) throws Unavailable {
        try {
            return call.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            throw UNAVAILABLE;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Whether calls go to Redis now (the circuit is not open).
     *
     * @return true while Redis is used
     */
    public boolean available() {
        return circuit.getState() != CircuitBreaker.State.OPEN;
    }

    @Override
    public void close() {
        closed.set(true);
        bus.close();
        connection.close();
    }

    /**
     * The key text in braces, with {@code %}, <code>{</code> and <code>}</code> percent-encoded: Redis Cluster hashes
     * only what stands between the first <code>{</code> and the next <code>}</code>, so a brace inside the text
     * would split a value and its lease over two slots. The encoding is one-to-one, so texts never collide.
     */
    static String hashTag(String text) {
        if (text.indexOf('{') < 0 && text.indexOf('}') < 0 && text.indexOf('%') < 0) {
            return "{" + text + "}";
        }
        StringBuilder tag = new StringBuilder(text.length() + 8).append('{');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '%' -> tag.append("%25");
                case '{' -> tag.append("%7B");
                case '}' -> tag.append("%7D");
                default -> tag.append(c);
            }
        }
        return tag.append('}').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-1 digests of the scripts, for {@code EVALSHA}. */
    private static final class Scripts {
        private static final ConcurrentHashMap<String, String> DIGESTS = new ConcurrentHashMap<>();

        static String sha1(String script) {
            return DIGESTS.computeIfAbsent(script, s -> {
                try {
                    return HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-1").digest(bytes(s)));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("every Java platform has SHA-1", e);
                }
            });
        }
    }
}
