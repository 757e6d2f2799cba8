package dev.groundwork.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.cache.internal.LoadThreads;
import dev.groundwork.cache.internal.StatsCounter;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A typed cache that loads what it misses, on Caffeine: concurrent misses of one key run the loader once
 * (single-flight); entries expire after a time to live spread by jitter, so values written together do not expire
 * together; "none" is cached for its own, shorter time; a failed reload serves the expired value for a bounded
 * time (stale-if-error, which Caffeine alone cannot: it drops a value at expiry); a loader that hangs times out
 * for every waiter. A failure is never cached.
 *
 * <pre>{@code
 * LoadingCache<Long, String> users = LoadingCache.<Long, String>builder("users")
 *         .maximumSize(10_000)
 *         .expireAfterWrite(Duration.ofMinutes(10))
 *         .jitter(0.10)
 *         .staleIfError(Duration.ofMinutes(5))
 *         .negativeTtl(Duration.ofSeconds(30))
 *         .loader(id -> repository.findName(id))
 *         .build();
 * Optional<String> name = users.get(42L);
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class LoadingCache<K, V> {

    /**
     * A loaded value (empty for "none", built once so a hit allocates nothing), the ticker time a background
     * refresh starts, and the times it stops being fresh and stops being servable.
     */
    private record Entry<V>(
            Optional<V> value, long refreshAt, long freshUntil, long staleUntil, long loadNanos, boolean none) {

        /** "None" until a time: fresh, then gone. */
        static <V> Entry<V> none(long until) {
            return new Entry<>(Optional.empty(), until, until, until, 0, true);
        }
    }

    /** The default listener, which hears nothing. */
    private static final CacheListener NO_LISTENER = new CacheListener() {};

    /** The default clock; Caffeine then reads its own system ticker rather than one adapted from ours. */
    private static final LongSupplier SYSTEM_TICKER = System::nanoTime;

    private final String name;
    private final AsyncCache<K, Entry<V>> cache;
    private final @Nullable CacheLoader<K, V> loader;
    private final @Nullable AsyncCacheLoader<K, V> asyncLoader;
    private final @Nullable BulkLoader<K, V> bulkLoader;
    private final LongSupplier ticker;
    private final Executor executor;
    private final long ttlNanos;
    private final double jitter;
    private final long negativeTtlNanos;
    private final long staleNanos;
    private final long refreshAheadNanos;
    /** The XFetch beta; 0 turns probabilistic early refresh off. */
    private final double earlyRefreshBeta;
    /** Whether entries outlive their freshness (stale-if-error) or refresh early, so a hit must read the clock. */
    private final boolean timed;
    /**
     * Whether Caffeine expires every entry after one fixed lifetime (no jitter, and no negative entry outlives a
     * value). Its fixed policy costs a hit less than the per-entry one; a negative entry, which may die earlier,
     * then has its own end checked on the clock.
     */
    private final boolean fixedLifetime;

    private final long timeoutNanos;
    private final CacheListener listener;
    /** Whether anyone hears hits: the hit path then skips a call, which a JVM with many listeners cannot inline. */
    private final boolean hearsHits;

    private final @Nullable StatsCounter stats;
    private final ConcurrentHashMap<K, CompletableFuture<Entry<V>>> reloads = new ConcurrentHashMap<>();
    private final ThreadLocal<Set<Object>> loading = ThreadLocal.withInitial(HashSet::new);

    private LoadingCache(Builder<K, V> b) {
        this.name = b.name;
        this.loader = b.loader;
        this.asyncLoader = b.asyncLoader;
        this.bulkLoader = b.bulkLoader;
        this.ticker = b.ticker;
        this.executor = b.executor;
        this.ttlNanos = b.ttl.toNanos();
        this.jitter = b.jitter;
        this.negativeTtlNanos = b.negativeTtl.toNanos();
        this.staleNanos = b.staleIfError.toNanos();
        this.refreshAheadNanos = b.refreshAhead.toNanos();
        this.earlyRefreshBeta = b.earlyRefreshBeta;
        this.timed = staleNanos > 0 || refreshAheadNanos > 0 || earlyRefreshBeta > 0;
        long lifetime = saturatedSum(ttlNanos, staleNanos);
        this.fixedLifetime = jitter == 0 && negativeTtlNanos <= lifetime;
        this.timeoutNanos = b.loadTimeout.toNanos();
        this.stats = b.recordStats ? new StatsCounter(b.listener) : null;
        this.listener = stats != null ? stats : b.listener;
        this.hearsHits = listener != NO_LISTENER;
        Caffeine<Object, Object> base = Caffeine.newBuilder()
                .maximumSize(b.maximumSize)
                // Caffeine's own system ticker and its maintenance (buffer drains, eviction, removal events) off
                // the reading thread: measured, a hit costs 0.63x as much as with an adapted ticker and
                // maintenance on the reading thread (CacheBenchmark, 2026-11-28). With the default load pool,
                // maintenance stays on the common pool, Caffeine's own default: it never blocks, and it must not
                // wait in the load pool's queue behind 64 loaders blocked on a hanging database (evictions would
                // stall while the cache grows).
                .ticker(ticker == SYSTEM_TICKER ? Ticker.systemTicker() : ticker::getAsLong)
                .executor(executor == LoadThreads.shared() ? ForkJoinPool.commonPool() : executor);
        // A removal listener only with someone to tell: without one Caffeine builds a leaner cache.
        Caffeine<K, Entry<V>> caffeine = hearsHits
                ? base.removalListener((@Nullable K key, @Nullable Entry<V> entry, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        listener.onEviction(name);
                    }
                })
                : typed(base);
        this.cache = (fixedLifetime
                        ? caffeine.expireAfterWrite(Duration.ofNanos(lifetime))
                        : caffeine.expireAfter(new Expiry<K, Entry<V>>() {
                            @Override
                            public long expireAfterCreate(K key, Entry<V> entry, long currentTime) {
                                return Math.max(0, entry.staleUntil() - currentTime);
                            }

                            @Override
                            public long expireAfterUpdate(
                                    K key, Entry<V> entry, long currentTime, long currentDuration) {
                                return Math.max(0, entry.staleUntil() - currentTime);
                            }

                            @Override
                            public long expireAfterRead(K key, Entry<V> entry, long currentTime, long currentDuration) {
                                return currentDuration;
                            }
                        }))
                .buildAsync();
    }

    /**
     * Starts a cache.
     *
     * @param name the cache's name, in events and messages
     * @param <K> the key type
     * @param <V> the value type
     * @return a builder
     */
    public static <K, V> Builder<K, V> builder(String name) {
        return new Builder<>(name);
    }

    /**
     * The executor a cache loads on when its builder is given none: one pool per JVM for loaders that block (up
     * to 64 loads at once, the rest queued, daemon threads that end when idle). Modules that build on this cache
     * share it.
     *
     * @return the shared load executor
     */
    public static Executor defaultExecutor() {
        return LoadThreads.shared();
    }

    /**
     * The value of a key: from the cache while fresh, else loaded (once, however many callers miss together).
     *
     * @param key the key
     * @return the value, or empty when the loader found none
     * @throws CacheLoadException when the load failed or timed out and no stale value may be served
     */
    @CheckReturnValue
    public Optional<V> get(K key) {
        // The hit path: no future, no allocation.
        Entry<V> entry = finished(cache.getIfPresent(Objects.requireNonNull(key, "key")));
        if (entry != null && servedFresh(key, entry)) {
            return entry.value();
        }
        try {
            return getAsync(key).get();
        } catch (ExecutionException e) {
            throw loadFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadException(
                    CacheLoadException.Reason.LOADER_FAILED, "interrupted while waiting for cache " + name, e);
        }
    }

    /**
     * The value of a key, without blocking the caller.
     *
     * @param key the key
     * @return a future of the value (or empty), failing with a {@link CacheLoadException}
     * @throws CacheLoadException at once, for a loader that asks for the key it is loading
     */
    @CheckReturnValue
    public CompletableFuture<Optional<V>> getAsync(K key) {
        Objects.requireNonNull(key, "key");
        if (loading.get().contains(key)) {
            throw new CacheLoadException(
                    CacheLoadException.Reason.RECURSIVE_LOAD,
                    "the loader of cache " + name + " asked for the key it is loading",
                    null);
        }
        CompletableFuture<Entry<V>> present = cache.getIfPresent(key);
        Entry<V> entry = finished(present);
        if (entry != null) {
            if (servedFresh(key, entry)) {
                return CompletableFuture.completedFuture(entry.value());
            }
            return reload(key, entry);
        }
        if (present != null && present.isDone()) {
            // A failed load that Caffeine has not dropped yet: a caller arriving after it failed loads afresh.
            cache.asMap().remove(key, present);
        }
        if (present == null) {
            listener.onMiss(name);
        }
        CompletableFuture<Entry<V>> loading = cache.get(key, (k, e) -> load(k));
        return loading.thenApply(loaded -> {
                    if (loaded == null) {
                        throw loading instanceof Load<?> load && load.failure != null
                                ? load.failure
                                : new CacheLoadException(
                                        CacheLoadException.Reason.LOADER_FAILED,
                                        "a load of cache " + name + " failed",
                                        null);
                    }
                    return loaded.value();
                })
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(loadFailure(failure)));
    }

    /**
     * The values of many keys: those held and fresh from the cache, the missing ones in one call of the bulk loader
     * (or, without one, one load per key, concurrently). Keys without a value are left out of the result.
     *
     * @param keys the keys
     * @return the values found, in the order of {@code keys}
     * @throws CacheLoadException when a load failed or timed out; nothing of it is cached
     */
    @CheckReturnValue
    public Map<K, V> getAll(Collection<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        for (K key : keys) {
            Objects.requireNonNull(key, "a key of keys");
        }
        Map<K, Entry<V>> entries;
        try {
            entries = cache.getAll(keys, (missing, executor) -> {
                        for (int i = 0; i < missing.size(); i++) {
                            listener.onMiss(name);
                        }
                        return loadAll(missing);
                    })
                    .get();
        } catch (ExecutionException e) {
            throw loadFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadException(
                    CacheLoadException.Reason.LOADER_FAILED, "interrupted while waiting for cache " + name, e);
        }
        Map<K, V> values = new LinkedHashMap<>();
        long now = ticker.getAsLong();
        for (K key : keys) {
            Entry<V> entry = entries.get(key);
            Optional<V> value;
            if (entry == null) {
                value = Optional.empty();
            } else if (!readsClock(entry) || now - entry.freshUntil() < 0) {
                value = entry.value();
            } else {
                value = get(key); // expired but kept for stale-if-error: the single-key reload decides
            }
            value.ifPresent(v -> values.put(key, v));
        }
        return values;
    }

    /** Loads missing keys: one bulk call, or one load per key; every missing key gets an entry. */
    private CompletableFuture<Map<K, Entry<V>>> loadAll(Set<? extends K> missing) {
        BulkLoader<K, V> bulk = bulkLoader;
        if (bulk == null) {
            Map<K, CompletableFuture<Entry<V>>> each = new LinkedHashMap<>();
            for (K key : missing) {
                each.put(key, attempt(key));
            }
            return CompletableFuture.allOf(each.values().toArray(new CompletableFuture<?>[0]))
                    .thenApply(done -> {
                        Map<K, Entry<V>> loaded = new LinkedHashMap<>();
                        each.forEach((key, future) -> loaded.put(key, future.join()));
                        return loaded;
                    });
        }
        long started = ticker.getAsLong();
        Set<K> keys = new LinkedHashSet<>(missing);
        return bounded(CompletableFuture.supplyAsync(
                () -> {
                    Map<K, V> found;
                    try {
                        found = bulk.loadAll(Collections.unmodifiableSet(keys));
                    } catch (Exception e) {
                        throw new CacheLoadException(
                                CacheLoadException.Reason.LOADER_FAILED,
                                "the bulk loader of cache " + name + " failed: " + e,
                                e);
                    }
                    if (found == null) {
                        throw new CacheLoadException(
                                CacheLoadException.Reason.NULL_RESULT,
                                "the bulk loader of cache " + name + " returned null, not a map",
                                null);
                    }
                    long now = ticker.getAsLong();
                    listener.onLoad(name, now - started, !found.isEmpty());
                    Map<K, Entry<V>> loaded = new LinkedHashMap<>();
                    for (K key : keys) {
                        V value = found.get(key);
                        long until = now + negativeTtlNanos;
                        loaded.put(
                                key,
                                value == null
                                        ? Entry.<V>none(until)
                                        : entry(value, now, (now - started) / keys.size()));
                    }
                    return loaded;
                },
                executor));
    }

    /** A load bounded by the load timeout, its failure reported once. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> load) {
        return load.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).whenComplete((result, failure) -> {
            if (failure != null) {
                listener.onLoadFailure(name, loadFailure(failure));
            }
        });
    }

    /**
     * Stores a value, fresh from now, replacing what the cache holds.
     *
     * @param key the key
     * @param value the value
     */
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        cache.put(key, CompletableFuture.completedFuture(entry(value, ticker.getAsLong(), 0)));
    }

    /**
     * Forgets a key; the next read loads it.
     *
     * @param key the key
     */
    public void invalidate(K key) {
        cache.synchronous().invalidate(Objects.requireNonNull(key, "key"));
    }

    /** Forgets every key; loads in flight finish for their callers but are not kept. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /**
     * What the cache counted since it was built.
     *
     * @return the counts
     * @throws IllegalStateException when the cache was built without {@code recordStats()}
     */
    public CacheStats stats() {
        StatsCounter counter = stats;
        if (counter == null) {
            throw new IllegalStateException("cache " + name + " was built without recordStats()");
        }
        return counter.snapshot();
    }

    /**
     * The number of entries held, fresh or stale (approximate, like Caffeine's).
     *
     * @return the number of entries
     */
    public long size() {
        return cache.synchronous().estimatedSize();
    }

    /** XFetch: {@code now - loadTime * beta * ln(U) >= expiry}, with U uniform in (0, 1]. */
    private boolean earlyRefresh(Entry<V> entry, long now) {
        if (earlyRefreshBeta == 0 || entry.loadNanos() == 0) {
            return false;
        }
        double u = 1 - ThreadLocalRandom.current().nextDouble(); // (0, 1]
        double ahead = -entry.loadNanos() * earlyRefreshBeta * Math.log(u);
        return now + ahead >= entry.freshUntil();
    }

    /**
     * Starts one background reload of a fresh entry past its refresh time; callers keep the current value. A
     * failed refresh changes nothing: the entry expires as it would have.
     */
    private void refreshAhead(K key) {
        if (!reloads.containsKey(key)) {
            reloadOnce(key, () -> listener.onRefresh(name));
        }
    }

    /**
     * The one running reload of a key, started if none runs ({@code onStart} then runs once); its result replaces
     * the entry when it succeeds.
     */
    private CompletableFuture<Entry<V>> reloadOnce(K key, Runnable onStart) {
        CompletableFuture<Entry<V>> mine = new CompletableFuture<>();
        CompletableFuture<Entry<V>> running = reloads.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        onStart.run();
        attempt(key).whenComplete((fresh, failure) -> {
            // The cache settles before anyone hears: a caller that reads again at once finds the new entry, or,
            // after a failure, no reload running, and starts one rather than joining the one that failed.
            if (failure == null) {
                cache.put(key, CompletableFuture.completedFuture(fresh));
            }
            reloads.remove(key, mine);
            if (failure == null) {
                mine.complete(fresh);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    /** Reloads an expired entry once for all callers; a failure serves the old value within the stale window. */
    private CompletableFuture<Optional<V>> reload(K key, Entry<V> stale) {
        listener.onMiss(name);
        CompletableFuture<Entry<V>> running = reloadOnce(key, () -> {});
        return running.handle((fresh, failure) -> {
            if (failure == null) {
                return fresh.value();
            }
            CacheLoadException cause = loadFailure(failure);
            if (ticker.getAsLong() - stale.staleUntil() < 0 && stale.value().isPresent()) {
                listener.onStaleServed(name, cause);
                return stale.value();
            }
            throw cause;
        });
    }

    /**
     * The entry of a load that finished and succeeded, or null (absent, still loading, or failed): one read of the
     * future's result, no allocation.
     */
    private static <V> @Nullable Entry<V> finished(@Nullable CompletableFuture<Entry<V>> future) {
        if (future == null) {
            return null;
        }
        try {
            return future.getNow(null);
        } catch (CompletionException | CancellationException e) {
            return null; // a bulk load's failure, which Caffeine is about to drop
        }
    }

    /**
     * A load as Caffeine holds it: completed with the entry, or, when the load failed, with null (so Caffeine drops
     * it without logging a warning per failed load, as it does for a future that fails) and the failure kept for
     * the callers that joined it.
     */
    private static final class Load<V> extends CompletableFuture<V> {
        volatile @Nullable CacheLoadException failure;
        /** Set once the future is handed to Caffeine; a load that finished before then is done when inserted. */
        volatile boolean handedOver;
    }

    /** Starts a load for Caffeine: see {@link Load}. */
    private Load<Entry<V>> load(K key) {
        Load<Entry<V>> load = new Load<>();
        attempt(key).whenComplete((entry, failure) -> {
            if (failure == null) {
                if (load.handedOver) {
                    // Caffeine sets a finished load's expiry in a callback that may run after the callers are
                    // released; replacing it with a done future first means no caller can read the entry before
                    // its expiry is set (a test clock moved right after a load would otherwise see no expiry).
                    // A load invalidated meanwhile is no longer mapped, and stays out.
                    cache.asMap().replace(key, load, CompletableFuture.completedFuture(entry));
                }
                load.complete(entry);
            } else {
                load.failure = loadFailure(failure);
                if (load.handedOver) {
                    // Likewise a failure: Caffeine drops a load that completes with null in a callback that may
                    // run after the callers are released, so a caller told of the failure could still count or
                    // find the entry. Dropping it first means nothing of a failed load is left once anyone knows.
                    cache.asMap().remove(key, load);
                }
                load.complete(null);
            }
        });
        load.handedOver = true;
        return load;
    }

    /** Runs the loader on the executor (or starts the async loader), bounded by the load timeout. */
    private CompletableFuture<Entry<V>> attempt(K key) {
        long started = ticker.getAsLong();
        AsyncCacheLoader<K, V> async = asyncLoader;
        if (async != null) {
            CompletableFuture<Optional<V>> stage;
            try {
                CompletionStage<Optional<V>> started0 = async.load(key, executor);
                if (started0 == null) {
                    throw new CacheLoadException(
                            CacheLoadException.Reason.NULL_RESULT,
                            "the async loader of cache " + name + " returned null, not a CompletionStage",
                            null);
                }
                stage = started0.toCompletableFuture();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            return bounded(stage.handle((loaded, failure) -> {
                if (failure != null) {
                    throw loaderFailure(unwrap(failure));
                }
                return loaded(loaded, started);
            }));
        }
        CacheLoader<K, V> sync = Objects.requireNonNull(loader);
        return bounded(CompletableFuture.supplyAsync(
                () -> {
                    Set<Object> mine = loading.get();
                    mine.add(key);
                    try {
                        return loaded(sync.load(key), started);
                    } catch (Exception e) {
                        throw loaderFailure(e);
                    } finally {
                        mine.remove(key);
                    }
                },
                executor));
    }

    /** The entry of what a loader returned, reported to the listener. */
    private Entry<V> loaded(@Nullable Optional<V> loaded, long started) {
        if (loaded == null) {
            throw new CacheLoadException(
                    CacheLoadException.Reason.NULL_RESULT,
                    "the loader of cache " + name + " returned null, not an Optional",
                    null);
        }
        long now = ticker.getAsLong();
        listener.onLoad(name, now - started, loaded.isPresent());
        if (loaded.isEmpty()) {
            long until = now + negativeTtlNanos;
            return Entry.<V>none(until);
        }
        return entry(loaded.get(), now, now - started);
    }

    private CacheLoadException loaderFailure(Throwable e) {
        return e instanceof CacheLoadException load
                ? load
                : new CacheLoadException(
                        CacheLoadException.Reason.LOADER_FAILED, "the loader of cache " + name + " failed: " + e, e);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Whether a held entry is fresh; if so it counts as a hit and starts a background refresh when its refresh
     * window (or XFetch) says so. Allocates nothing.
     */
    private boolean servedFresh(K key, Entry<V> entry) {
        if (!readsClock(entry)) {
            // Without stale or refresh windows Caffeine expires an entry when it stops being fresh: present means
            // fresh, and no second clock read is needed.
            if (hearsHits) {
                listener.onHit(name);
            }
            return true;
        }
        long now = ticker.getAsLong();
        if (now - entry.freshUntil() >= 0) {
            return false;
        }
        if (hearsHits) {
            listener.onHit(name);
        }
        if (now - entry.refreshAt() >= 0 || earlyRefresh(entry, now)) {
            refreshAhead(key);
        }
        return true;
    }

    /** Whether a held entry may be past its freshness, so that a hit must compare it with the clock. */
    private boolean readsClock(Entry<V> entry) {
        // entry.none(), not entry.value().isEmpty(): a hit then touches no second object.
        return timed || (fixedLifetime && entry.none());
    }

    @SuppressWarnings("unchecked") // a builder with no key or value yet fixed; the cache built is of K and entries
    private static <K, V> Caffeine<K, V> typed(Caffeine<Object, Object> builder) {
        return (Caffeine<K, V>) (Caffeine<?, ?>) builder;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private Entry<V> entry(V value, long now, long loadNanos) {
        double spread = jitter == 0 ? 1 : 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        long lifetime = (long) (ttlNanos * spread);
        long fresh = now + lifetime;
        // Refresh-ahead starts at the same fraction of each entry's own (jittered) lifetime.
        long refreshAt =
                refreshAheadNanos <= 0 ? fresh : now + (long) (lifetime * (1 - (double) refreshAheadNanos / ttlNanos));
        return new Entry<>(Optional.of(value), refreshAt, fresh, fresh + staleNanos, loadNanos, false);
    }

    private CacheLoadException loadFailure(@Nullable Throwable failure) {
        Throwable cause = failure == null ? null : unwrap(failure);
        if (cause instanceof CacheLoadException load) {
            return load;
        }
        if (cause instanceof TimeoutException) {
            return new CacheLoadException(
                    CacheLoadException.Reason.TIMED_OUT,
                    "the loader of cache " + name + " did not finish within " + Duration.ofNanos(timeoutNanos),
                    cause);
        }
        return new CacheLoadException(
                CacheLoadException.Reason.LOADER_FAILED, "a load of cache " + name + " failed: " + cause, cause);
    }

    @Override
    public String toString() {
        return "LoadingCache[" + name + "]";
    }

    /**
     * Configures a {@link LoadingCache}; {@link #build()} checks everything. Not thread-safe.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private final String name;
        private long maximumSize = 10_000;
        private Duration ttl = Duration.ofMinutes(5);
        private double jitter;
        private Duration negativeTtl = Duration.ofSeconds(30);
        private Duration staleIfError = Duration.ZERO;
        private Duration refreshAhead = Duration.ZERO;
        private double earlyRefreshBeta;
        private Duration loadTimeout = Duration.ofSeconds(10);
        private LongSupplier ticker = SYSTEM_TICKER;
        private Executor executor = LoadThreads.shared();
        private CacheListener listener = NO_LISTENER;
        private @Nullable CacheLoader<K, V> loader;
        private @Nullable AsyncCacheLoader<K, V> asyncLoader;
        private @Nullable BulkLoader<K, V> bulkLoader;
        private boolean recordStats;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a cache needs a name");
            }
            this.name = name;
        }

        /**
         * The most entries held (Caffeine's Window TinyLFU chooses what to evict); 10 000 by default.
         *
         * @param entries at least 1
         * @return this builder
         */
        public Builder<K, V> maximumSize(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("maximumSize must be at least 1: " + entries);
            }
            this.maximumSize = entries;
            return this;
        }

        /**
         * How long a loaded value stays fresh; 5 minutes by default.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder<K, V> expireAfterWrite(Duration ttl) {
            this.ttl = positive("expireAfterWrite", ttl);
            return this;
        }

        /**
         * Spreads each entry's time to live uniformly by ± this fraction, so entries loaded together expire apart.
         *
         * @param fraction from 0 (none, the default) to 0.5
         * @return this builder
         */
        public Builder<K, V> jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 0.5)) {
                throw new IllegalArgumentException("jitter must be between 0 and 0.5: " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /**
         * How long "none" (a loader's {@code Optional.empty()}) is cached; 30 seconds by default.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder<K, V> negativeTtl(Duration ttl) {
            this.negativeTtl = positive("negativeTtl", ttl);
            return this;
        }

        /**
         * How long after expiry a value may still be served when its reload fails; none by default.
         *
         * @param window zero or positive
         * @return this builder
         */
        public Builder<K, V> staleIfError(Duration window) {
            this.staleIfError = notNegative("staleIfError", window);
            return this;
        }

        /**
         * Refreshes a value in the background this long before it expires: the first read inside that window
         * starts exactly one reload and every read keeps getting the current value meanwhile (stale-while-
         * revalidate, without the stale). None by default.
         *
         * @param window zero, or shorter than {@link #expireAfterWrite}
         * @return this builder
         */
        public Builder<K, V> refreshAhead(Duration window) {
            this.refreshAhead = notNegative("refreshAhead", window);
            return this;
        }

        /**
         * Probabilistic early refresh (XFetch: Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache
         * Stampede Prevention", VLDB 2015): each read refreshes early, in the background, with a probability that
         * grows as expiry nears and with how long the value took to load, so the refreshes of a hot key spread out
         * instead of piling up at expiry. A read at {@code t} refreshes when
         * {@code t - loadTime * beta * ln(random) >= expiry}. Off by default; 1.0 is the paper's choice.
         *
         * @param beta from 0 (off) to 10; larger refreshes earlier
         * @return this builder
         */
        public Builder<K, V> earlyRefresh(double beta) {
            if (!(beta >= 0 && beta <= 10)) {
                throw new IllegalArgumentException("earlyRefresh beta must be between 0 and 10: " + beta);
            }
            this.earlyRefreshBeta = beta;
            return this;
        }

        /**
         * How long every caller waits for a load before it fails with {@link CacheLoadException.Reason#TIMED_OUT};
         * 10 seconds by default.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder<K, V> loadTimeout(Duration timeout) {
            this.loadTimeout = positive("loadTimeout", timeout);
            return this;
        }

        /**
         * Where loads run. By default, a pool shared by every cache in the JVM, made for loaders that block on I/O:
         * up to 64 loads at once, the rest queued (the load timeout counts the wait), daemon threads that end when
         * idle. Not the common fork-join pool, whose one thread on a two-core machine a single hanging loader would
         * take from every other cache. On Java 21 and later, {@code Executors.newVirtualThreadPerTaskExecutor()}
         * suits blocking loaders too. Caffeine's upkeep (draining its buffers, evicting,
         * {@link CacheListener#onEviction} events) runs on a given executor as well, off the reading thread (with
         * the default pool it runs on the common pool, Caffeine's default, so it never queues behind blocked
         * loads); {@code Runnable::run} runs loads and upkeep on the caller's thread (then a hanging loader holds its
         * caller beyond the load timeout, though every other waiter still times out).
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder<K, V> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The nanosecond time source for expiry; {@link System#nanoTime()} by default (tests pass their own).
         *
         * @param ticker monotonic nanoseconds
         * @return this builder
         */
        public Builder<K, V> ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Who hears hits, misses, loads, failures, stale serves and evictions; nobody by default.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder<K, V> listener(CacheListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Counts hits, misses, loads and the rest for {@link LoadingCache#stats()} (striped counters; off by
         * default, like Caffeine's).
         *
         * @return this builder
         */
        public Builder<K, V> recordStats() {
            this.recordStats = true;
            return this;
        }

        /**
         * How a missing key is loaded, on the cache's executor; this or {@link #asyncLoader} is required.
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder<K, V> loader(CacheLoader<K, V> loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * How a missing key is loaded without holding a thread while it waits (instead of {@link #loader}): for
         * loaders on an asynchronous client. The load timeout applies the same way.
         *
         * @param loader the asynchronous loader
         * @return this builder
         */
        public Builder<K, V> asyncLoader(AsyncCacheLoader<K, V> loader) {
            this.asyncLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * How {@link LoadingCache#getAll} loads the keys it misses, in one call; without it, one load per key.
         *
         * @param bulkLoader the bulk loader
         * @return this builder
         */
        public Builder<K, V> bulkLoader(BulkLoader<K, V> bulkLoader) {
            this.bulkLoader = Objects.requireNonNull(bulkLoader, "bulkLoader");
            return this;
        }

        /**
         * Builds the cache.
         *
         * @return the cache
         * @throws IllegalStateException without a loader
         */
        public LoadingCache<K, V> build() {
            if ((loader == null) == (asyncLoader == null)) {
                throw new IllegalStateException("cache " + name
                        + " needs one loader: call loader(key -> ...) or asyncLoader((key, executor) -> ...)");
            }
            if (refreshAhead.compareTo(ttl) >= 0) {
                throw new IllegalStateException(
                        "refreshAhead " + refreshAhead + " must be shorter than expireAfterWrite " + ttl);
            }
            return new LoadingCache<>(this);
        }

        private static Duration positive(String setting, Duration value) {
            Objects.requireNonNull(value, setting);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive: " + value);
            }
            return value;
        }

        private static Duration notNegative(String setting, Duration value) {
            Objects.requireNonNull(value, setting);
            if (value.isNegative()) {
                throw new IllegalArgumentException(setting + " must not be negative: " + value);
            }
            return value;
        }
    }
}
