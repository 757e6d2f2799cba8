package dev.groundwork.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loading cache on a ticker the test moves: expiry, jitter, negative and stale windows, stampedes, failures. */
class LoadingCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger loads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Events events = new Events();

    /** Counts what the listener hears. */
    static final class Events implements CacheListener {
        final AtomicInteger hits = new AtomicInteger();
        final AtomicInteger misses = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger stale = new AtomicInteger();
        final AtomicInteger evictions = new AtomicInteger();

        @Override
        public void onHit(String cache) {
            hits.incrementAndGet();
        }

        @Override
        public void onMiss(String cache) {
            misses.incrementAndGet();
        }

        @Override
        public void onLoadFailure(String cache, CacheLoadException cause) {
            failures.incrementAndGet();
        }

        @Override
        public void onStaleServed(String cache, CacheLoadException cause) {
            stale.incrementAndGet();
        }

        @Override
        public void onEviction(String cache) {
            evictions.incrementAndGet();
        }
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private LoadingCache.Builder<String, String> builder(CacheLoader<String, String> loader) {
        return LoadingCache.<String, String>builder("test")
                .ticker(now::get)
                .executor(pool)
                .expireAfterWrite(Duration.ofSeconds(100))
                .listener(events)
                .loader(key -> {
                    loads.incrementAndGet();
                    return loader.load(key);
                });
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void loadsOnceThenHitsUntilExpiry() {
        LoadingCache<String, String> cache =
                builder(key -> Optional.of("v-" + key)).build();
        assertThat(cache.get("a")).contains("v-a");
        assertThat(cache.get("a")).contains("v-a");
        assertThat(loads).hasValue(1);
        assertThat(events.hits).hasValue(1);
        assertThat(events.misses).hasValue(1);
        advance(Duration.ofSeconds(99));
        assertThat(cache.get("a")).contains("v-a");
        assertThat(loads).hasValue(1);
        advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).contains("v-a");
        assertThat(loads).hasValue(2);
    }

    @Test
    void jitterSpreadsExpiryWithinItsBounds() {
        LoadingCache<String, String> cache =
                builder(key -> Optional.of(key)).jitter(0.10).maximumSize(1_000).build();
        for (int i = 0; i < 200; i++) {
            assertThat(cache.get("k" + i)).isPresent();
        }
        advance(Duration.ofSeconds(89));
        for (int i = 0; i < 200; i++) {
            assertThat(cache.get("k" + i)).isPresent();
        }
        assertThat(loads).as("nothing expires before ttl - 10%").hasValue(200);
        advance(Duration.ofSeconds(11)); // t = 100 s: some have expired, some not
        for (int i = 0; i < 200; i++) {
            assertThat(cache.get("k" + i)).isPresent();
        }
        assertThat(loads.get() - 200).as("expired by the middle of the window").isBetween(40, 160);
        advance(Duration.ofSeconds(11)); // t = 111 s, past ttl + 10% for the first loads
        int before = loads.get();
        for (int i = 0; i < 200; i++) {
            assertThat(cache.get("k" + i)).isPresent();
        }
        assertThat(loads.get() - before)
                .as("every first-generation entry has expired")
                .isGreaterThanOrEqualTo(200 - (before - 200));
    }

    @Test
    void noneIsCachedForTheNegativeTtl() {
        LoadingCache<String, String> cache = builder(key -> Optional.empty())
                .negativeTtl(Duration.ofSeconds(5))
                .build();
        assertThat(cache.get("missing")).isEmpty();
        assertThat(cache.get("missing")).isEmpty();
        assertThat(loads).hasValue(1);
        advance(Duration.ofSeconds(5));
        assertThat(cache.get("missing")).isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void everyExpiryPolicyEndsEachKindOfEntryOnTime() {
        // Without jitter, and with no negative entry outliving a value, Caffeine's fixed lifetime holds the entries
        // and a negative entry's earlier end is read on the clock; otherwise each entry carries its own end. Both
        // must end values and none at the same instants, through get and getAll alike.
        record Case(double jitter, Duration negativeTtl, Duration staleIfError) {}
        List<Case> cases = List.of(
                new Case(0, Duration.ofSeconds(5), Duration.ZERO), // fixed lifetime
                new Case(0, Duration.ofSeconds(100), Duration.ZERO), // fixed, the negative TTL equal to the TTL
                new Case(0, Duration.ofSeconds(130), Duration.ofSeconds(40)), // fixed, within TTL + stale window
                new Case(0, Duration.ofSeconds(150), Duration.ZERO), // per entry: negatives outlive values
                new Case(0.2, Duration.ofSeconds(5), Duration.ZERO)); // per entry: jitter
        for (Case c : cases) {
            now.set(0);
            loads.set(0);
            LoadingCache<String, String> cache = builder(
                            key -> key.startsWith("none") ? Optional.empty() : Optional.of("v-" + key))
                    .jitter(c.jitter())
                    .negativeTtl(c.negativeTtl())
                    .staleIfError(c.staleIfError())
                    // Loads on the calling thread: Caffeine has set each entry's expiry before get returns. On a
                    // pool, its bookkeeping may run just after the caller is released, and this test moves the
                    // clock by a whole TTL in that instant.
                    .executor(Runnable::run)
                    .build();
            String description = c.toString();
            assertThat(cache.get("none")).as(description).isEmpty();
            assertThat(cache.getAll(List.of("none-2"))).as(description).isEmpty();
            assertThat(loads).as(description).hasValue(2);
            long negativeNanos = c.negativeTtl().toNanos();
            now.set(negativeNanos - 1);
            assertThat(cache.get("none")).as(description).isEmpty();
            assertThat(cache.getAll(List.of("none-2"))).as(description).isEmpty();
            assertThat(loads)
                    .as(description + ": negatives held until their TTL")
                    .hasValue(2);
            now.set(negativeNanos);
            assertThat(cache.get("none")).as(description).isEmpty();
            assertThat(cache.getAll(List.of("none-2"))).as(description).isEmpty();
            assertThat(loads)
                    .as(description + ": negatives reloaded at their TTL")
                    .hasValue(4);
            long loadedAt = now.get();
            assertThat(cache.get("value")).as(description).contains("v-value");
            long ttl = Duration.ofSeconds(100).toNanos();
            now.set(loadedAt + (long) (ttl * (1 - c.jitter())) - 1);
            assertThat(cache.get("value")).as(description).contains("v-value");
            assertThat(loads).as(description + ": the value held until its TTL").hasValue(5);
            now.set(loadedAt + (long) (ttl * (1 + c.jitter())));
            assertThat(cache.get("value")).as(description).contains("v-value");
            assertThat(loads)
                    .as(description + ": the value reloaded once past its TTL")
                    .hasValue(6);
        }
    }

    @Test
    void aFailedReloadServesTheStaleValueWithinTheWindowThenFails() {
        AtomicBoolean down = new AtomicBoolean();
        LoadingCache<String, String> cache = builder(key -> {
                    if (down.get()) {
                        throw new IllegalStateException("database down");
                    }
                    return Optional.of("v1");
                })
                .staleIfError(Duration.ofSeconds(60))
                .build();
        assertThat(cache.get("a")).contains("v1");
        down.set(true);
        advance(Duration.ofSeconds(101));
        assertThat(cache.get("a")).contains("v1");
        assertThat(events.stale).hasValue(1);
        advance(Duration.ofSeconds(60));
        CacheLoadException e = catchThrowableOfType(CacheLoadException.class, () -> cache.get("a"));
        assertThat(e.reason()).isEqualTo(CacheLoadException.Reason.LOADER_FAILED);
        assertThat(e.getCause()).hasMessage("database down");
        down.set(false);
        assertThat(cache.get("a")).contains("v1");
    }

    @Test
    @Timeout(30)
    void aCallerToldOfAFailureRetriesAfresh() throws Exception {
        // Each retry runs in the callback that tells of the failure, on the thread completing it: anything the
        // cache still had to clear up after releasing its callers would be found by it, and the retry would get
        // the failed attempt again instead of a new one.
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(1));
        LoadingCache<String, String> cache = builder(key -> {
                    release.get().await(10, TimeUnit.SECONDS);
                    if (down.get()) {
                        throw new IllegalStateException("database down");
                    }
                    return Optional.of("v" + loads.get());
                })
                .staleIfError(Duration.ofSeconds(30))
                .build();

        CompletableFuture<Optional<String>> afterFailure = cache.getAsync("k").exceptionallyCompose(failure -> {
            down.set(false);
            return cache.getAsync("k");
        });
        release.get().countDown();
        assertThat(afterFailure.get(10, TimeUnit.SECONDS))
                .as("a first load failed, the retry loaded again")
                .contains("v2");
        assertThat(cache.size()).isOne();

        advance(Duration.ofSeconds(101)); // expired, inside the stale window: a failed reload serves v2
        down.set(true);
        release.set(new CountDownLatch(1));
        CompletableFuture<Optional<String>> afterStale = cache.getAsync("k").thenCompose(stale -> {
            assertThat(stale).contains("v2");
            down.set(false);
            return cache.getAsync("k");
        });
        release.get().countDown();
        assertThat(afterStale.get(10, TimeUnit.SECONDS))
                .as("a reload failed and stale was served, the retry reloaded again")
                .contains("v4");
        assertThat(events.stale).hasValue(1);
    }

    @Test
    void aFailureIsNeverCached() {
        AtomicInteger calls = new AtomicInteger();
        LoadingCache<String, String> cache = builder(key -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new java.io.IOException("flaky");
                    }
                    return Optional.of("ok");
                })
                .build();
        assertThatThrownBy(() -> cache.get("a"))
                .isInstanceOf(CacheLoadException.class)
                .hasMessageContaining("cache test");
        assertThat(events.failures).hasValue(1);
        assertThat(cache.get("a")).contains("ok");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFailedLoadIsReportedOnceNotLoggedByCaffeine() {
        // Caffeine logs a warning with a stack trace for every async load whose future fails: with a database down
        // that is one log line per request. The listener and the exception report the failure; Caffeine stays quiet.
        java.util.logging.Logger caffeine =
                java.util.logging.Logger.getLogger("com.github.benmanes.caffeine.cache.LocalAsyncCache");
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord logRecord) {
                logged.add(logRecord);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        caffeine.addHandler(handler);
        try {
            LoadingCache<String, String> cache = builder(key -> {
                        throw new IllegalStateException("database down");
                    })
                    .loadTimeout(Duration.ofMillis(200))
                    .build();
            LoadingCache<String, String> hanging = builder(key -> {
                        new CountDownLatch(1).await(2, TimeUnit.SECONDS);
                        return Optional.of("late");
                    })
                    .loadTimeout(Duration.ofMillis(50))
                    .build();
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheLoadException.class);
                assertThatThrownBy(() -> cache.getAsync("j").join()).hasCauseInstanceOf(CacheLoadException.class);
            }
            assertThatThrownBy(() -> hanging.get("k")).isInstanceOf(CacheLoadException.class);
            assertThat(events.failures).hasValue(41);
            assertThat(logged).isEmpty();
        } finally {
            caffeine.removeHandler(handler);
        }
    }

    @Test
    @Timeout(30)
    void fiveHundredThreadsMissingOneKeyCauseOneLoad() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LoadingCache<String, String> cache = builder(key -> {
                    release.await(10, TimeUnit.SECONDS);
                    return Optional.of("v");
                })
                .build();
        ExecutorService callers = Executors.newFixedThreadPool(500);
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(500);
            for (int i = 0; i < 500; i++) {
                results.add(callers.submit(() -> {
                    started.countDown();
                    return cache.get("hot");
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<Optional<String>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).contains("v");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    @Timeout(30)
    void aFailingLoaderUnderAStampedeLeavesNothingBehind() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean fail = new AtomicBoolean(true);
        LoadingCache<String, String> cache = builder(key -> {
                    release.await(10, TimeUnit.SECONDS);
                    if (fail.get()) {
                        throw new IllegalStateException("boom");
                    }
                    return Optional.of("v");
                })
                .build();
        List<CompletableFuture<Optional<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiters.add(cache.getAsync("k"));
        }
        release.countDown();
        for (CompletableFuture<Optional<String>> waiter : waiters) {
            assertThat(waiter).failsWithin(Duration.ofSeconds(10));
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.size()).isZero();
        fail.set(false);
        assertThat(cache.get("k")).contains("v");
    }

    @Test
    @Timeout(30)
    void aHangingLoaderTimesOutForEveryWaiter() {
        CountDownLatch never = new CountDownLatch(1);
        LoadingCache<String, String> cache = builder(key -> {
                    never.await(20, TimeUnit.SECONDS);
                    return Optional.of("late");
                })
                .loadTimeout(Duration.ofMillis(200))
                .build();
        List<CompletableFuture<Optional<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiters.add(cache.getAsync("slow"));
        }
        for (CompletableFuture<Optional<String>> waiter : waiters) {
            assertThatThrownBy(waiter::join)
                    .hasCauseInstanceOf(CacheLoadException.class)
                    .cause()
                    .satisfies(c -> assertThat(((CacheLoadException) c).reason())
                            .isEqualTo(CacheLoadException.Reason.TIMED_OUT));
        }
        never.countDown();
        assertThat(loads).hasValue(1);
    }

    @Test
    @Timeout(30)
    void onTheDefaultExecutorHangingLoadersDoNotStallOtherCaches() {
        // The common fork-join pool has one thread on a two-core machine: one blocked loader there would stall every
        // other load in the JVM. The default pool runs many blocking loads at once.
        CountDownLatch release = new CountDownLatch(1);
        LoadingCache<Integer, String> stuck = LoadingCache.<Integer, String>builder("stuck")
                .loadTimeout(Duration.ofSeconds(20))
                .loader(key -> {
                    release.await(20, TimeUnit.SECONDS);
                    return Optional.of("late");
                })
                .build();
        LoadingCache<String, String> other = LoadingCache.<String, String>builder("other")
                .loader(key -> Optional.of("v" + key))
                .build();
        List<CompletableFuture<Optional<String>>> blocked = new ArrayList<>();
        for (int key = 0; key < 8; key++) {
            blocked.add(stuck.getAsync(key));
        }
        try {
            assertThat(other.getAsync("1").get(5, TimeUnit.SECONDS)).contains("v1");
            assertThat(blocked).noneMatch(CompletableFuture::isDone);
        } catch (Exception e) {
            throw new AssertionError("a load of another cache waited behind blocked loaders", e);
        } finally {
            release.countDown();
        }
        assertThat(blocked.get(0).join()).contains("late");
    }

    @Test
    @Timeout(30)
    void anAsyncLoaderIsSingleFlightBoundedAndNeverCachesAFailure() throws Exception {
        CompletableFuture<Optional<String>> pending = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        LoadingCache<String, String> cache = LoadingCache.<String, String>builder("async")
                .ticker(now::get)
                .listener(events)
                .loadTimeout(Duration.ofMillis(300))
                .asyncLoader((key, executor) -> {
                    started.incrementAndGet();
                    return switch (key) {
                        case "slow" -> pending;
                        case "none" -> CompletableFuture.completedFuture(Optional.empty());
                        case "fails" -> CompletableFuture.failedFuture(new IllegalStateException("down"));
                        case "throws" -> throw new IllegalStateException("thrown at once");
                        case "null" -> null;
                        case "never" -> new CompletableFuture<>();
                        default -> CompletableFuture.supplyAsync(() -> Optional.of("v" + key), executor);
                    };
                })
                .build();
        List<CompletableFuture<Optional<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiters.add(cache.getAsync("slow"));
        }
        pending.complete(Optional.of("done"));
        for (CompletableFuture<Optional<String>> waiter : waiters) {
            assertThat(waiter.get(5, TimeUnit.SECONDS)).contains("done");
        }
        assertThat(started).as("one load for 100 concurrent misses").hasValue(1);
        assertThat(cache.get("1")).contains("v1");
        assertThat(cache.get("none")).isEmpty();
        assertThat(cache.get("none")).isEmpty();
        assertThat(started).hasValue(3);

        for (String key : List.of("fails", "throws")) {
            assertThat(catchThrowableOfType(CacheLoadException.class, () -> cache.get(key))
                            .reason())
                    .isEqualTo(CacheLoadException.Reason.LOADER_FAILED);
        }
        assertThat(catchThrowableOfType(CacheLoadException.class, () -> cache.get("null"))
                        .reason())
                .isEqualTo(CacheLoadException.Reason.NULL_RESULT);
        assertThat(catchThrowableOfType(CacheLoadException.class, () -> cache.get("never"))
                        .reason())
                .isEqualTo(CacheLoadException.Reason.TIMED_OUT);
        int before = started.get();
        assertThatThrownBy(() -> cache.get("fails")).isInstanceOf(CacheLoadException.class);
        assertThat(started).as("failures are not cached").hasValue(before + 1);

        assertThatThrownBy(() -> LoadingCache.<String, String>builder("both")
                        .loader(key -> Optional.empty())
                        .asyncLoader((key, executor) -> CompletableFuture.completedFuture(Optional.empty()))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one loader");
    }

    @Test
    void badLoadersGetTypedErrors() {
        LoadingCache<String, String> nulls = builder(key -> null).build();
        assertThat(catchThrowableOfType(CacheLoadException.class, () -> nulls.get("a"))
                        .reason())
                .isEqualTo(CacheLoadException.Reason.NULL_RESULT);

        AtomicReference<LoadingCache<String, String>> self = new AtomicReference<>();
        LoadingCache<String, String> recursive =
                builder(key -> self.get().get(key)).build();
        self.set(recursive);
        assertThat(catchThrowableOfType(CacheLoadException.class, () -> recursive.get("a"))
                        .reason())
                .isEqualTo(CacheLoadException.Reason.RECURSIVE_LOAD);
        assertThat(recursive.size()).isZero(); // nothing of a failed load is left once its caller knows
    }

    @Test
    @Timeout(30)
    void anExpiredEntryIsReloadedOnceForAllCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slow = new AtomicBoolean();
        LoadingCache<String, String> cache = builder(key -> {
                    if (slow.get()) {
                        release.await(10, TimeUnit.SECONDS);
                    }
                    return Optional.of("v" + loads.get());
                })
                .staleIfError(Duration.ofSeconds(30))
                .build();
        assertThat(cache.get("k")).contains("v1");
        slow.set(true);
        advance(Duration.ofSeconds(101));
        List<CompletableFuture<Optional<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiters.add(cache.getAsync("k"));
        }
        release.countDown();
        for (CompletableFuture<Optional<String>> waiter : waiters) {
            assertThat(waiter.get(10, TimeUnit.SECONDS)).contains("v2");
        }
        assertThat(loads).hasValue(2);
    }

    @Test
    void putInvalidateAndConfiguration() {
        LoadingCache<String, String> cache =
                builder(key -> Optional.of("loaded")).build();
        cache.put("a", "put");
        assertThat(cache.get("a")).contains("put");
        cache.invalidate("a");
        assertThat(cache.get("a")).contains("loaded");
        cache.put("a", "put again");
        cache.put("b", "put");
        cache.invalidateAll();
        assertThat(cache.size()).isZero();
        assertThat(cache.get("a")).contains("loaded");
        assertThat(cache.get("b")).contains("loaded");
        assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LoadingCache.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadingCache.<String, String>builder("x").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LoadingCache.builder("x").jitter(0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadingCache.builder("x").jitter(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadingCache.builder("x").expireAfterWrite(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadingCache.builder("x").staleIfError(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadingCache.builder("x").maximumSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSizeBoundEvicts() {
        LoadingCache<String, String> cache = builder(key -> Optional.of(key))
                .maximumSize(10)
                .executor(Runnable::run)
                .build();
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get("k" + i)).isPresent();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
        assertThat(events.evictions.get()).isGreaterThanOrEqualTo(90);
    }

    @Test
    @Timeout(30)
    void refreshAheadServesTheCurrentValueWhileExactlyOneReloadRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slow = new AtomicBoolean();
        AtomicInteger refreshes = new AtomicInteger();
        LoadingCache<String, String> cache = builder(key -> {
                    if (slow.get()) {
                        release.await(10, TimeUnit.SECONDS);
                    }
                    return Optional.of("v" + loads.get());
                })
                .refreshAhead(Duration.ofSeconds(20))
                .listener(new CacheListener() {
                    @Override
                    public void onRefresh(String cache) {
                        refreshes.incrementAndGet();
                    }
                })
                .build();
        assertThat(cache.get("k")).contains("v1");
        advance(Duration.ofSeconds(79));
        assertThat(cache.get("k")).contains("v1");
        assertThat(loads).hasValue(1);

        slow.set(true);
        advance(Duration.ofSeconds(2)); // inside the last 20 s
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get("k")).contains("v1");
            assertThat(cache.getAsync("k").get(1, TimeUnit.SECONDS)).contains("v1");
        }
        release.countDown();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> cache.get("k").equals(Optional.of("v2")));
        assertThat(loads).hasValue(2);
        assertThat(refreshes).hasValue(1);
        assertThatThrownBy(() -> builder(key -> Optional.of("x"))
                        .refreshAhead(Duration.ofSeconds(100))
                        .build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void getAllLoadsOnlyTheMissingKeysInOneBulkCall() {
        List<java.util.Set<String>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        LoadingCache<String, String> cache = builder(key -> Optional.of("one-" + key))
                .bulkLoader(keys -> {
                    calls.add(keys);
                    java.util.Map<String, String> found = new java.util.HashMap<>();
                    for (String key : keys) {
                        if (!key.startsWith("none")) {
                            found.put(key, "bulk-" + key);
                        }
                    }
                    return found;
                })
                .build();
        assertThat(cache.get("a")).contains("one-a");
        cache.put("b", "put-b");

        java.util.Map<String, String> all = cache.getAll(List.of("a", "b", "c", "none1", "d"));

        assertThat(all)
                .containsExactly(
                        java.util.Map.entry("a", "one-a"),
                        java.util.Map.entry("b", "put-b"),
                        java.util.Map.entry("c", "bulk-c"),
                        java.util.Map.entry("d", "bulk-d"));
        assertThat(calls).containsExactly(java.util.Set.of("c", "none1", "d"));
        // Keys the bulk loader did not return are cached as none; nothing is loaded again while fresh.
        assertThat(cache.getAll(List.of("c", "none1"))).containsOnlyKeys("c");
        assertThat(cache.get("none1")).isEmpty();
        assertThat(calls).hasSize(1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void getAllWithoutABulkLoaderLoadsEachKeyAndFailuresCacheNothing() {
        LoadingCache<String, String> cache = builder(key -> {
                    if (key.equals("bad")) {
                        throw new IllegalStateException("cannot");
                    }
                    return Optional.of("v-" + key);
                })
                .build();
        assertThat(cache.getAll(List.of("x", "y"))).containsOnlyKeys("x", "y");
        assertThat(loads).hasValue(2);
        assertThat(catchThrowableOfType(CacheLoadException.class, () -> cache.getAll(List.of("z", "bad")))
                        .reason())
                .isEqualTo(CacheLoadException.Reason.LOADER_FAILED);
        assertThat(cache.size()).isEqualTo(2);

        LoadingCache<String, String> bulkFails = builder(key -> Optional.of("one"))
                .bulkLoader(keys -> {
                    throw new java.io.IOException("down");
                })
                .build();
        assertThat(catchThrowableOfType(CacheLoadException.class, () -> bulkFails.getAll(List.of("p", "q")))
                        .reason())
                .isEqualTo(CacheLoadException.Reason.LOADER_FAILED);
        assertThat(bulkFails.size()).isZero();
        assertThatThrownBy(() -> cache.getAll(java.util.Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
    }

    /**
     * XFetch: a read {@code x} before expiry of a value that took {@code delta} to load refreshes early with
     * probability {@code exp(-x / (delta * beta))}. With delta = 10 s and beta = 1, a read 10 s before expiry
     * refreshes about 36.8 % of the time and one 50 s before about 0.7 %; 1 000 keys each, bounds at five sigma.
     */
    @Test
    void earlyRefreshFollowsTheXFetchProbability() {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger refreshes = new AtomicInteger();
        LoadingCache<String, String> cache = builder(key -> {
                    if (seen.add(key)) {
                        advance(Duration.ofSeconds(10)); // the first load of each key takes 10 s
                    }
                    return Optional.of(key);
                })
                .executor(Runnable::run)
                .maximumSize(5_000)
                .earlyRefresh(1.0)
                .listener(new CacheListener() {
                    @Override
                    public void onRefresh(String cache) {
                        refreshes.incrementAndGet();
                    }
                })
                .build();
        int near = 0;
        for (int i = 0; i < 1_000; i++) {
            assertThat(cache.get("near" + i)).isPresent();
            advance(Duration.ofSeconds(90)); // 10 s before expiry
            assertThat(cache.get("near" + i)).isPresent();
            advance(Duration.ofSeconds(-90));
        }
        near = refreshes.getAndSet(0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(cache.get("far" + i)).isPresent();
            advance(Duration.ofSeconds(50)); // 50 s before expiry
            assertThat(cache.get("far" + i)).isPresent();
            advance(Duration.ofSeconds(-50));
        }
        int far = refreshes.get();
        assertThat(near).isBetween(290, 446);
        assertThat(far).isLessThan(30);
        assertThatThrownBy(() -> LoadingCache.builder("x").earlyRefresh(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statisticsCountWhatHappened() {
        AtomicBoolean down = new AtomicBoolean();
        LoadingCache<String, String> cache = builder(key -> {
                    if (down.get()) {
                        throw new IllegalStateException("down");
                    }
                    return key.startsWith("none") ? Optional.empty() : Optional.of(key);
                })
                .staleIfError(Duration.ofSeconds(30))
                .recordStats()
                .build();
        assertThat(cache.get("a")).contains("a");
        assertThat(cache.get("a")).contains("a");
        assertThat(cache.get("none")).isEmpty();
        down.set(true);
        advance(Duration.ofSeconds(101));
        assertThat(cache.get("a")).contains("a"); // stale
        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(3);
        assertThat(stats.loads()).isEqualTo(2);
        assertThat(stats.loadFailures()).isEqualTo(1);
        assertThat(stats.staleServed()).isEqualTo(1);
        assertThat(stats.hitRate()).isEqualTo(0.25);
        assertThat(events.stale).hasValue(1); // the user's listener still hears everything
        assertThatThrownBy(() -> builder(key -> Optional.of(key)).build().stats())
                .isInstanceOf(IllegalStateException.class);
    }
}
