package dev.groundwork.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.groundwork.cache.CacheLoadException;
import dev.groundwork.cache.CacheLoader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * What two instances (separate local caches, separate connections) on one shared Redis must see: sharing,
 * invalidation, fleet-wide single-flight, codecs and schema versions, bad input. Run on one Redis by
 * {@link RedisCacheTest} and on a Redis Cluster by {@link ClusterCacheTest}.
 */
@Timeout(60)
abstract class SharedCacheContract {

    /**
     * A Redis command timeout far above the 100 ms default, for every cache these tests build: they are about what the
     * levels keep and when they load, and a loaded machine can take longer than 100 ms for one command, after which a
     * cache loads on its own by design (OutageTest and ClusterFailoverTest are about timeouts and keep short ones).
     */
    static final Duration UNHURRIED = Duration.ofSeconds(5);

    private final ConcurrentHashMap<String, String> truth = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final List<RedisCache<?, ?>> caches = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private String name;

    @org.junit.jupiter.api.BeforeEach
    void name(TestInfo test) {
        name = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeCaches() {
        caches.forEach(RedisCache::close);
        pool.shutdownNow();
    }

    /**
     * A builder on the Redis under test, with the {@link #UNHURRIED} Redis timeout.
     *
     * @param cacheName the cache's name
     * @return the builder
     */
    abstract <K, V> RedisCache.Builder<K, V> builderOn(String cacheName);

    /**
     * Commands that read and write the Redis under test directly.
     *
     * @return the commands
     */
    abstract RedisClusterCommands<String, String> redisData();

    /**
     * The Redis keys matching a pattern, listed by SCAN, which every Lettuce line has (KEYS changed its Java signature
     * in Lettuce 7), and collected rather than through {@code Stream.toList()}: Lettuce 6.4 reports a SCAN stream's
     * size as 0, which {@code toList()} trusts (lettuce #3002).
     */
    private List<String> storedKeys(String pattern) {
        return ScanIterator.scan(redisData(), ScanArgs.Builder.matches(pattern)).stream()
                .collect(Collectors.toList());
    }

    /**
     * Publishes on a cache's invalidation channel, as a foreign program would.
     *
     * @param cacheName the cache's name
     * @param message the message
     */
    abstract void publishOnChannel(String cacheName, String message);

    private RedisCache.Builder<String, String> builder(Events events) {
        return this.<String, String>builderOn(name)
                .keyCodec(KeyCodec.strings())
                .valueCodec(new Utf8())
                .listener(events)
                .loader(key -> {
                    loads.incrementAndGet();
                    return Optional.ofNullable(truth.get(key));
                });
    }

    private RedisCache<String, String> instance(Events events) {
        return track(builder(events).build());
    }

    private <C extends RedisCache<?, ?>> C track(C cache) {
        caches.add(cache);
        return cache;
    }

    private String redisKey(String key) {
        return "gw-cache:" + name + ":v1:{" + key + "}";
    }

    @Test
    void aValueLoadedByOneInstanceIsReadFromRedisByTheOther() {
        Events a = new Events();
        Events b = new Events();
        RedisCache<String, String> one = instance(a);
        RedisCache<String, String> two = instance(b);
        truth.put("k", "v1");

        assertThat(one.get("k")).contains("v1");
        assertThat(two.get("k")).contains("v1");
        assertThat(two.get("k")).contains("v1");

        assertThat(loads).hasValue(1);
        assertThat(a.redisMisses).hasValue(1);
        assertThat(b.redisHits).hasValue(1);
        assertThat(b.hits).hasValue(1);
        assertThat(redisData().get(redisKey("k"))).endsWith("v1");
    }

    @Test
    void noneIsSharedForTheNegativeTtl() {
        Events b = new Events();
        RedisCache<String, String> one =
                track(builder(new Events()).negativeTtl(Duration.ofSeconds(7)).build());
        RedisCache<String, String> two =
                track(builder(b).negativeTtl(Duration.ofSeconds(7)).build());

        assertThat(one.get("absent")).isEmpty();
        assertThat(two.get("absent")).isEmpty();

        assertThat(loads).hasValue(1);
        assertThat(b.redisHits).hasValue(1);
        assertThat(redisData().pttl(redisKey("absent"))).isBetween(1L, 7_000L);
    }

    @Test
    void aPutOrInvalidateOnOneInstanceReachesTheOther() {
        RedisCache<String, String> one = instance(new Events());
        RedisCache<String, String> two = instance(new Events());
        truth.put("k", "v1");
        assertThat(one.get("k")).contains("v1");
        assertThat(two.get("k")).contains("v1");

        truth.put("k", "v2");
        one.put("k", "v2");
        await().atMost(Duration.ofSeconds(5)).until(() -> two.get("k").equals(Optional.of("v2")));
        assertThat(loads).as("the put itself reaches Redis: no one reloads").hasValue(1);

        truth.put("k", "v3");
        one.invalidate("k");
        await().atMost(Duration.ofSeconds(5)).until(() -> two.get("k").equals(Optional.of("v3")));
        assertThat(one.get("k")).contains("v3");
        assertThat(loads).hasValue(2);
    }

    @Test
    void hostileKeysTravelIntactBetweenInstances() {
        RedisCache<String, String> one = instance(new Events());
        RedisCache<String, String> two = instance(new Events());
        List<String> keys = List.of(
                "with space",
                "two  spaces I x",
                "{brace}",
                "}{",
                "*",
                "?[a]",
                "new\nline",
                "tab\tand\r",
                "ü日本🎉",
                "a:b:c",
                "x".repeat(4096));
        for (String key : keys) {
            truth.put(key, "first " + key.length());
            assertThat(one.get(key)).as(key).contains("first " + key.length());
            assertThat(two.get(key)).as(key).contains("first " + key.length());
        }
        assertThat(loads).hasValue(keys.size());
        for (String key : keys) {
            truth.put(key, "second");
            one.invalidate(key);
        }
        for (String key : keys) {
            await().atMost(Duration.ofSeconds(5)).until(() -> two.get(key).equals(Optional.of("second")));
        }
    }

    @Test
    void braceInAKeyNeverSplitsAValueFromItsLeaseAcrossClusterSlots() {
        RedisCache<String, String> cache = instance(new Events());
        List<String> keys = List.of("}{", "{x}", "a{b", "a%7Bb", "%", "{}", "}");
        for (String key : keys) {
            truth.put(key, "v " + key);
            assertThat(cache.get(key)).contains("v " + key);
        }
        List<String> stored = storedKeys("gw-cache:" + name + ":v1:*");
        assertThat(stored)
                .as("one Redis key per cache key: no two texts collide")
                .hasSize(keys.size());
        for (String redisKey : stored) {
            String tag = redisKey.substring(redisKey.indexOf('{') + 1, redisKey.lastIndexOf('}'));
            assertThat(tag).doesNotContain("{", "}");
            assertThat(io.lettuce.core.cluster.SlotHash.getSlot(redisKey + ":lease"))
                    .isEqualTo(io.lettuce.core.cluster.SlotHash.getSlot(redisKey));
        }
        assertThat(stored).contains("gw-cache:" + name + ":v1:{a%7Bb}", "gw-cache:" + name + ":v1:{a%257Bb}");
    }

    @Test
    void theSameKeyMissingOnBothInstancesIsLoadedOnce() throws Exception {
        CountDownLatch inLoader = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CacheLoader<String, String> slow = key -> {
            loads.incrementAndGet();
            inLoader.countDown();
            release.await(20, TimeUnit.SECONDS);
            return Optional.of("loaded " + key);
        };
        Events a = new Events();
        Events b = new Events();
        RedisCache<String, String> one = track(builder(a).loader(slow).build());
        RedisCache<String, String> two = track(builder(b).loader(slow).build());

        List<CompletableFuture<Optional<String>>> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callers.add(one.getAsync("cold"));
            callers.add(two.getAsync("cold"));
        }
        assertThat(inLoader.await(10, TimeUnit.SECONDS)).isTrue();
        // The other instance is now waiting for the lease holder's value.
        await().atMost(Duration.ofSeconds(5)).until(() -> redisData().exists(redisKey("cold") + ":lease") == 1);
        release.countDown();
        for (CompletableFuture<Optional<String>> caller : callers) {
            assertThat(caller.get(10, TimeUnit.SECONDS)).contains("loaded cold");
        }
        assertThat(loads).hasValue(1);
        assertThat(a.wokenWaits.get() + b.wokenWaits.get()).isEqualTo(1);
        assertThat(redisData().exists(redisKey("cold") + ":lease")).isZero();
    }

    @Test
    void waitingForAnotherInstanceHoldsNoThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allStarted = new CountDownLatch(50);
        RedisCache<String, String> holder = track(builder(new Events())
                .executor(pool)
                .loader(key -> {
                    allStarted.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return Optional.of("from holder");
                })
                .build());
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            RedisCache<String, String> waiter = track(builder(new Events())
                    .executor(single)
                    .loader(key -> Optional.of("own " + key))
                    .build());
            List<CompletableFuture<Optional<String>>> held = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                held.add(holder.getAsync("cold" + i));
            }
            assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Optional<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waiting.add(waiter.getAsync("cold" + i));
            }
            // 50 waits in progress, one executor thread: a key of its own still loads at once.
            assertThat(waiter.getAsync("free").get(5, TimeUnit.SECONDS)).contains("own free");
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            release.countDown();
            for (int i = 0; i < 50; i++) {
                assertThat(held.get(i).get(10, TimeUnit.SECONDS)).contains("from holder");
                assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).contains("from holder");
            }
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aLeaseHolderThatDiedCostsAtMostTheLeaseTime() {
        Events events = new Events();
        RedisCache<String, String> cache =
                track(builder(events).lease(Duration.ofMillis(300)).build());
        truth.put("k", "v");
        // An instance took the lease and died before storing anything.
        redisData().set(redisKey("k") + ":lease", "dead-instance", io.lettuce.core.SetArgs.Builder.px(300));

        assertThat(cache.get("k")).contains("v");

        assertThat(events.expiredWaits).hasValue(1);
        assertThat(loads).hasValue(1);
        assertThat(redisData().get(redisKey("k")))
                .as("the lease had expired: the value is stored")
                .endsWith("v");
    }

    @Test
    void aFailingLoaderLeavesNothingInRedisAndWakesTheWaiters() {
        Events events = new Events();
        AtomicInteger calls = new AtomicInteger();
        RedisCache<String, String> one = track(builder(events)
                .loader(key -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("database down");
                })
                .build());

        assertThatThrownBy(() -> one.get("k"))
                .isInstanceOf(CacheLoadException.class)
                .satisfies(e -> assertThat(((CacheLoadException) e).reason())
                        .isEqualTo(CacheLoadException.Reason.LOADER_FAILED));
        assertThat(redisData().exists(redisKey("k"), redisKey("k") + ":lease")).isZero();
        assertThatThrownBy(() -> one.get("k")).isInstanceOf(CacheLoadException.class);
        assertThat(calls).as("a failure is never cached").hasValue(2);

        RedisCache<String, String> nulls =
                track(builder(events).loader(key -> null).build());
        assertThatThrownBy(() -> nulls.get("k"))
                .isInstanceOf(CacheLoadException.class)
                .satisfies(e ->
                        assertThat(((CacheLoadException) e).reason()).isEqualTo(CacheLoadException.Reason.NULL_RESULT));
        assertThat(redisData().exists(redisKey("k"))).isZero();
    }

    @Test
    void undecodableBytesAreAMissAndAnEventNeverAnException() {
        Events events = new Events();
        RedisCache<String, String> cache = instance(events);
        truth.put("k", "v");
        List<String> foreign = List.of("", "G", "plain text", "G\u0002x", "\u0000\u0001");
        for (String bytes : foreign) {
            redisData().set(redisKey("k"), bytes);
            cache.invalidate("k");
            redisData().set(redisKey("k"), bytes);

            assertThat(cache.get("k")).as(bytes).contains("v");
            assertThat(redisData().get(redisKey("k")))
                    .as("replaced by a readable value")
                    .isEqualTo("G\u0001v");
        }
        assertThat(events.codecFailures).hasSize(foreign.size()).allMatch(key -> key.equals("k"));

        ValueCodec<String> throwing = new ValueCodec<>() {
            @Override
            public byte[] encode(String value) {
                return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                throw new IllegalArgumentException("not mine");
            }
        };
        Events second = new Events();
        RedisCache<String, String> other =
                track(builder(second).valueCodec(throwing).build());
        assertThat(other.get("k")).contains("v");
        assertThat(second.codecFailures).containsExactly("k");
    }

    @Test
    void aNewSchemaVersionNeverReadsTheOldBytesAndInvalidatesItsNeighbours() {
        RedisCache<String, String> v1 = instance(new Events());
        RedisCache<String, String> v2 =
                track(builder(new Events()).schemaVersion(2).build());
        truth.put("k", "old shape");
        assertThat(v1.get("k")).contains("old shape");
        truth.put("k", "new shape");
        assertThat(v2.get("k")).contains("new shape");
        assertThat(loads).hasValue(2);

        v2.invalidate("k");
        assertThat(redisData().exists(redisKey("k"), "gw-cache:" + name + ":v2:{k}"))
                .isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> v1.get("k").equals(Optional.of("new shape")));
    }

    @Test
    void redisTimesToLiveAreSpreadByJitter() {
        RedisCache<String, String> cache = track(builder(new Events())
                .expireAfterWrite(Duration.ofSeconds(100))
                .jitter(0.2)
                .build());
        List<Long> ttls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = "k" + i;
            truth.put(key, "v");
            assertThat(cache.get(key)).contains("v");
            ttls.add(redisData().pttl(redisKey(key)));
        }
        assertThat(ttls).allSatisfy(ttl -> assertThat(ttl).isBetween(79_000L, 120_000L));
        assertThat(ttls.stream().distinct().count()).as("spread, not equal").isGreaterThan(30);
    }

    @Test
    void invalidateAllEmptiesRedisAndEveryInstance() {
        RedisCache<String, String> one = instance(new Events());
        RedisCache<String, String> two = instance(new Events());
        for (int i = 0; i < 1200; i++) {
            truth.put("k" + i, "v");
            assertThat(one.get("k" + i)).contains("v");
        }
        assertThat(two.get("k1")).contains("v");
        truth.put("k1", "changed");

        one.invalidateAll();

        assertThat(storedKeys("gw-cache:" + name + ":*")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> two.get("k1").equals(Optional.of("changed")));
        assertThat(one.localSize()).isLessThanOrEqualTo(1);
    }

    @Test
    void jsonValuesThroughTheApplicationsObjectMapper() {
        record Product(long id, String name, List<String> tags) {}
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        RedisCache<Long, Product> one = track(this.<Long, Product>builderOn(name)
                .keyCodec(KeyCodec.longs())
                .valueCodec(JacksonCodec.of(mapper, Product.class))
                .loader(id -> Optional.of(new Product(id, "lamp", List.of("home"))))
                .build());
        Events events = new Events();
        RedisCache<Long, Product> two = track(this.<Long, Product>builderOn(name)
                .keyCodec(KeyCodec.longs())
                .valueCodec(JacksonCodec.of(mapper, Product.class))
                .listener(events)
                .loader(id -> Optional.empty())
                .build());

        assertThat(one.get(7L)).contains(new Product(7, "lamp", List.of("home")));
        assertThat(two.get(7L)).contains(new Product(7, "lamp", List.of("home")));
        assertThat(events.redisHits).hasValue(1);
        assertThat(redisData().get("gw-cache:" + name + ":v1:{7}"))
                .isEqualTo("G\u0001{\"id\":7,\"name\":\"lamp\",\"tags\":[\"home\"]}");

        redisData().set("gw-cache:" + name + ":v1:{8}", "G\u0001{\"id\":\"not a number\"}");
        assertThat(two.get(8L)).isEmpty();
        assertThat(events.codecFailures).containsExactly("8");
        assertThatThrownBy(() -> JacksonCodec.of(mapper, Product.class).decode("null".getBytes()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void badInputGetsClearErrors() {
        RedisCache<String, String> cache = instance(new Events());
        assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.invalidate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put("", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-4096 characters");
        assertThatThrownBy(() -> cache.put("x".repeat(4097), "v")).isInstanceOf(IllegalArgumentException.class);

        RedisCache<String, String> nullKeys = track(builder(new Events())
                .keyCodec(KeyCodec.of(key -> null, text -> text))
                .build());
        assertThatThrownBy(() -> nullKeys.put("k", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got null");

        assertThatThrownBy(() -> builderOn("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builderOn("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisCache.builder("ok", (RedisClient) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RedisCache.builder("ok", (RedisClusterClient) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> this.<String, String>builderOn("ok").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keyCodec");
        RedisCache.Builder<String, String> b = builderOn("ok");
        assertThatThrownBy(() -> b.namespace("a*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.schemaVersion(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.jitter(0.51)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.jitter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.expireAfterWrite(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.redisTimeout(Duration.ofSeconds(11))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.lease(Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.failuresToOpen(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.staleIfError(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.localMaximumSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aForeignMessageOnTheChannelFlushesTheLocalCacheRatherThanGuessing() {
        Events events = new Events();
        RedisCache<String, String> cache = instance(events);
        truth.put("k", "v1");
        assertThat(cache.get("k")).contains("v1");
        truth.put("k", "v2");
        redisData().set(redisKey("k"), "G\u0001v2");

        publishOnChannel(name, "garbage");

        await().atMost(Duration.ofSeconds(5)).until(() -> events.localFlushes.get() == 1);
        assertThat(cache.get("k")).contains("v2");
    }
}
