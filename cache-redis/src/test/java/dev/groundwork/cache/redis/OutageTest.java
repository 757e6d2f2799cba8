package dev.groundwork.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.groundwork.testing.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances on one real Redis that the test stops and restarts, or freezes with {@code kill -STOP}, while
 * requests keep coming: both keep serving from their local caches and the loader, the circuit stops the Redis
 * calls, and once Redis is back invalidations flow again and no stale local entry survives.
 */
@Timeout(120)
class OutageTest {

    private final RedisProcess redis = new RedisProcess();
    private final ConcurrentHashMap<String, String> truth = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final List<RedisCache<String, String>> caches = new ArrayList<>();

    @AfterEach
    void close() {
        caches.forEach(RedisCache::close);
        redis.close();
    }

    /** The keys the load threads read, every one with a value. */
    @BeforeEach
    void fillLoadKeys() {
        for (int i = 0; i < 200; i++) {
            truth.put("load" + i, "v");
        }
    }

    /** Misses keys no one holds, on both instances, until both circuits are open. */
    private void awaitCircuitsOpen(RedisCache<String, String> one, RedisCache<String, String> two, String prefix) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String fresh = prefix + ThreadLocalRandom.current().nextInt(1_000_000);
            truth.put(fresh, "x");
            one.get(fresh);
            two.get(fresh);
            return !one.redisAvailable() && !two.redisAvailable();
        });
    }

    private RedisCache<String, String> instance(Events events) {
        RedisCache<String, String> cache = RedisCache.<String, String>builder("outage", redis.client())
                .keyCodec(KeyCodec.strings())
                .valueCodec(new Utf8())
                .redisTimeout(Duration.ofMillis(100))
                .retryInterval(Duration.ofMillis(200))
                .failuresToOpen(2)
                .listener(events)
                .loader(key -> {
                    loads.incrementAndGet();
                    return Optional.ofNullable(truth.get(key));
                })
                .build();
        caches.add(cache);
        return cache;
    }

    /** Readers on both instances for the whole test; every read must succeed. */
    private final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private final AtomicInteger reads = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(RedisCache<String, String> one, RedisCache<String, String> two) {
            for (RedisCache<String, String> cache : List.of(one, two)) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        String key = "load" + ThreadLocalRandom.current().nextInt(200);
                        try {
                            if (cache.get(key).isEmpty()) {
                                errors.add(new AssertionError("no value for " + key));
                            }
                            reads.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
        }

        @Override
        public void close() {
            running.set(false);
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void redisStoppedAndRestartedUnderLoad() throws Exception {
        truth.put("k", "v1");
        Events a = new Events();
        Events b = new Events();
        RedisCache<String, String> one = instance(a);
        RedisCache<String, String> two = instance(b);
        assertThat(one.get("k")).contains("v1");
        assertThat(two.get("k")).contains("v1");

        List<Throwable> errors;
        try (Load load = new Load(one, two)) {
            errors = load.errors;
            redis.stop();

            truth.put("k", "v2");
            one.put("k", "v2"); // Redis is gone: the other instance is told once it is back
            assertThat(one.get("k")).contains("v2");
            assertThat(two.get("k"))
                    .as("stale during the outage, from its local cache")
                    .contains("v1");

            // Misses of keys no one holds open the circuit on both instances.
            awaitCircuitsOpen(one, two, "outage");
            assertThat(a.unavailable.get()).isPositive();
            assertThat(b.unavailable.get()).isPositive();

            // While the circuit is open no call goes to Redis: the failures stop (a probe every 200 ms aside).
            int failuresBefore = a.redisFailures.get() + b.redisFailures.get();
            for (int i = 0; i < 100; i++) {
                truth.put("open" + i, "y");
                assertThat(one.get("open" + i)).contains("y");
                assertThat(two.get("open" + i)).contains("y");
            }
            assertThat(a.redisFailures.get() + b.redisFailures.get() - failuresBefore)
                    .as("200 misses while open cost at most a few probes, not 200 timeouts")
                    .isLessThan(10);

            redis.start();

            await().atMost(Duration.ofSeconds(15)).until(() -> two.get("k").equals(Optional.of("v2")));
            await().atMost(Duration.ofSeconds(15)).until(() -> one.redisAvailable() && two.redisAvailable());
            assertThat(b.localFlushes.get() + b.available.get()).isPositive();
        }
        assertThat(errors).as("every read during the outage was served").isEmpty();
        // Invalidations flow again.
        truth.put("k", "v3");
        one.invalidate("k");
        await().atMost(Duration.ofSeconds(5)).until(() -> two.get("k").equals(Optional.of("v3")));
        truth.put("k", "v4");
        two.put("k", "v4");
        await().atMost(Duration.ofSeconds(5)).until(() -> one.get("k").equals(Optional.of("v4")));
    }

    @Test
    void redisFrozenThenResumedUnderLoad() throws Exception {
        truth.put("k", "v1");
        Events a = new Events();
        Events b = new Events();
        RedisCache<String, String> one = instance(a);
        RedisCache<String, String> two = instance(b);
        assertThat(one.get("k")).contains("v1");
        assertThat(two.get("k")).contains("v1");
        List<Throwable> errors;
        try (Load load = new Load(one, two)) {
            redis.pause();

            truth.put("k", "v2");
            one.put("k", "v2");
            awaitCircuitsOpen(one, two, "paused");

            redis.resume();

            await().atMost(Duration.ofSeconds(15)).until(() -> two.get("k").equals(Optional.of("v2")));
            await().atMost(Duration.ofSeconds(15)).until(() -> one.redisAvailable() && two.redisAvailable());
            errors = load.errors;
            assertThat(load.reads.get()).isPositive();
        }
        assertThat(errors).as("every read during the pause was served").isEmpty();
        truth.put("k", "v3");
        one.invalidate("k");
        await().atMost(Duration.ofSeconds(5)).until(() -> two.get("k").equals(Optional.of("v3")));
    }

    @Test
    void redisFlushedUnderLoadIsOnlyAMiss() throws Exception {
        RedisCache<String, String> one = instance(new Events());
        RedisCache<String, String> two = instance(new Events());
        List<Throwable> errors;
        try (Load load = new Load(one, two);
                var admin = redis.connect()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.reads.get() > 1000);
            admin.sync().flushall();
            admin.sync().scriptFlush();
            int after = load.reads.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.reads.get() > after + 1000);
            errors = load.errors;
        }
        assertThat(errors).isEmpty();
        truth.put("load1", "changed");
        one.invalidate("load1");
        await().atMost(Duration.ofSeconds(5)).until(() -> two.get("load1").equals(Optional.of("changed")));
    }
}
