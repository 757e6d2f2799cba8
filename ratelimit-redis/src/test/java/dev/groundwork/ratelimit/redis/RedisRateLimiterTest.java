package dev.groundwork.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.LimitStatus;
import dev.groundwork.ratelimit.ManualTimeSource;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.RateLimiter;
import dev.groundwork.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Redis limiter on a real redis-server: same decisions as in process, one round trip, expiry, sharing. */
class RedisRateLimiterTest extends SharedRedisTest {

    /** Midnight UTC, so that epoch-aligned windows line up with the local limiter. */
    private static final Instant MIDNIGHT = Instant.ofEpochSecond(1_700_006_400L);

    @Test
    void decidesExactlyLikeTheInProcessLimiter() {
        List<List<Limit>> plans = List.of(
                List.of(Limit.perSecond(10).burst(5)),
                List.of(Limit.of(3, Duration.ofSeconds(1)).fixedWindow()),
                List.of(Limit.perSecond(10).slidingWindow()),
                List.of(
                        Limit.perSecond(20).burst(8).named("burst"),
                        Limit.perMinute(120).named("minute"),
                        Limit.of(30, Duration.ofSeconds(2)).slidingWindow().named("sliding")));
        for (int p = 0; p < plans.size(); p++) {
            TestClock clock = TestClock.at(MIDNIGHT);
            ManualTimeSource time = ManualTimeSource.startingAt(0);
            RedisRateLimiter.Builder onRedis =
                    RedisRateLimiter.builder(commands, "exact" + p).clock(clock).timeout(Duration.ofSeconds(5));
            RateLimiter.Builder inProcess = RateLimiter.builder().timeSource(time);
            // The same plan with the deny cache on: it may answer refusals itself, never change an outcome.
            RedisRateLimiter.Builder withDenyCache = RedisRateLimiter.builder(commands, "exact-cached" + p)
                    .clock(clock)
                    .denyCache(100)
                    .timeout(Duration.ofSeconds(5));
            for (Limit limit : plans.get(p)) {
                onRedis.limit(limit);
                inProcess.limit(limit);
                withDenyCache.limit(limit);
            }
            KeyedRateLimiter<String> remote = onRedis.build();
            KeyedRateLimiter<String> cachedRemote = withDenyCache.build();
            long cachedAnswers = 0;
            KeyedRateLimiter<String> local = inProcess.buildKeyed();
            SplittableRandom random = new SplittableRandom(p);
            long minCapacity =
                    plans.get(p).stream().mapToLong(Limit::capacity).min().orElseThrow();
            for (int step = 0; step < 1_500; step++) {
                long dt = random.nextInt(3) == 0 ? 0 : random.nextLong(150_000) * 1_000; // whole µs, up to 150 ms
                clock.advanceNanos(dt);
                time.advanceNanos(dt);
                String key = "k" + random.nextInt(3);
                long cost = 1 + random.nextLong(Math.min(minCapacity, 4));
                Decision expected = local.tryAcquire(key, cost);
                Decision actual = remote.tryAcquire(key, cost);
                String at = "plan " + p + " step " + step + " key " + key + " cost " + cost + " dt " + dt
                        + "\nexpected " + expected + "\nactual " + actual;
                assertThat(actual.allowed()).as(at).isEqualTo(expected.allowed());
                // Redis keeps microseconds: its times are the in-process nanoseconds rounded up to a microsecond.
                assertThat(actual.retryAfter()).as(at).isEqualTo(ceilMicros(expected.retryAfter()));
                assertThat(actual.limits()).as(at).hasSameSizeAs(expected.limits());
                for (int i = 0; i < expected.limits().size(); i++) {
                    LimitStatus e = expected.limits().get(i);
                    LimitStatus a = actual.limits().get(i);
                    assertThat(a.limit()).isEqualTo(e.limit());
                    assertThat(a.remaining()).as(at + " remaining").isEqualTo(e.remaining());
                    assertThat(a.resetAfter()).as(at + " reset").isEqualTo(ceilMicros(e.resetAfter()));
                    assertThat(a.retryAfter()).as(at + " retry").isEqualTo(ceilMicros(e.retryAfter()));
                }
                assertThat(actual.source()).isEqualTo(Decision.Source.LIMITER);
                Decision cached = cachedRemote.tryAcquire(key, cost);
                assertThat(cached.allowed()).as(at + " with deny cache").isEqualTo(expected.allowed());
                if (cached.source() == Decision.Source.CACHED_REFUSAL) {
                    cachedAnswers++;
                }
            }
            assertThat(cachedAnswers)
                    .as("plan %d answered from the deny cache", p)
                    .isPositive();
        }
    }

    @Test
    void everyDecisionIsExactlyOneRoundTrip() {
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "trips")
                .limit(Limit.perMinute(60).burst(50))
                .limit(Limit.perHour(1_000).named("hour"))
                .timeout(Duration.ofSeconds(5))
                .build();
        for (int i = 0; i < 5; i++) {
            // The first call on a server may load the script there (on a cluster, each key's master).
            limiter.tryAcquire("k" + i, 1);
        }
        resetStats();
        int allowed = 0;
        for (int i = 0; i < 500; i++) {
            if (limiter.tryConsume("k" + (i % 5))) {
                allowed++;
            }
        }
        Map<String, Long> calls = commandCalls();
        calls.remove("config|resetstat");
        calls.remove("config");
        // INFO commandstats also counts the commands the script runs inside Redis: one TIME and one GET per call,
        // and one SET only for admissions. The client sent nothing but the 500 EVALSHA.
        assertThat(calls)
                .containsOnly(
                        Map.entry("evalsha", 500L),
                        Map.entry("time", 500L),
                        Map.entry("get", 500L),
                        Map.entry("set", (long) allowed));
        // 5 keys × a burst of 50 (less the warm-up's unit), plus one unit per key per second while the loop runs.
        assertThat(allowed).isBetween(245, 400);
    }

    @Test
    void scriptFlushedFromRedisIsReloadedByTheNextDecision() {
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "flush")
                .limit(Limit.perMinute(10))
                .timeout(Duration.ofSeconds(5))
                .build();
        assertThat(limiter.tryAcquire("k", 3).remaining()).isEqualTo(7);
        admin.scriptFlush();
        resetStats();
        assertThat(limiter.tryAcquire("k", 3).remaining()).isEqualTo(4);
        assertThat(limiter.tryAcquire("k", 3).remaining()).isEqualTo(1);
        Map<String, Long> calls = commandCalls();
        assertThat(calls).containsEntry("evalsha", 2L).containsEntry("eval", 1L);
    }

    @Test
    void keysExpireOnceFullAgainAndRefusalsWriteNothing() {
        // Slow limits, so that no unit refills while the test runs on Redis's real clock.
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "ttl")
                .limit(Limit.perMinute(10).burst(5))
                .limit(Limit.perHour(100).fixedWindow().named("hour"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long start = System.nanoTime();
        assertThat(limiter.tryAcquire("k", 5).allowed()).isTrue();
        String key = onlyKey("ttl:");
        assertThat(key).matches("ttl:[0-9a-f]{12}:k");
        long ttl = admin.pttl(key);
        long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis() + 1;
        // Full again when the hour window ends: at most an hour (+1 ms rounding), and at least the 30 s the
        // burst takes to refill, less what has passed since the decision (a loaded machine takes tens of ms).
        assertThat(ttl).isBetween(30_000L - elapsed, 3_600_001L);
        String before = admin.get(key);
        assertThat(limiter.tryAcquire("k", 1).allowed()).isFalse();
        assertThat(admin.get(key)).isEqualTo(before);
        assertThat(admin.pttl(key)).isLessThanOrEqualTo(ttl);

        KeyedRateLimiter<String> shortLived = RedisRateLimiter.builder(commands, "short")
                .limit(Limit.perMinute(6).burst(2))
                .timeout(Duration.ofSeconds(5))
                .build();
        shortLived.tryAcquire("k", 2);
        String shortKey = onlyKey("short:");
        assertThat(admin.pttl(shortKey))
                .isBetween(1L, 20_001L); // 2 units at 10 s each, +1 ms: a loaded machine still finds the key
        assertThat(keys(admin, "*")).containsExactlyInAnyOrder(key, shortKey);
    }

    @Test
    void twoInstancesOnSeparateConnectionsShareOneLimit() throws InterruptedException {
        Limit limit = Limit.perSecond(200).burst(20);
        List<KeyedRateLimiter<String>> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            instances.add(RedisRateLimiter.builder(newConnection(), "shared")
                    .limit(limit)
                    .timeout(Duration.ofSeconds(5))
                    .build());
        }
        AtomicLong[] admitted = {new AtomicLong(), new AtomicLong()};
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long runNanos = 1_500_000_000L;
        for (int t = 0; t < 4; t++) {
            int instance = t % 2;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = System.nanoTime() + runNanos;
                while (System.nanoTime() < end) {
                    if (instances.get(instance).tryConsume("one-client")) {
                        admitted[instance].incrementAndGet();
                    }
                }
            }));
        }
        long began = System.nanoTime();
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        double elapsedSeconds = (System.nanoTime() - began) / 1e9;
        long total = admitted[0].get() + admitted[1].get();
        // One global bucket: burst + rate × elapsed, however the calls are spread over the two instances.
        assertThat(total).isLessThanOrEqualTo(20 + (long) Math.ceil(200 * elapsedSeconds));
        assertThat(total).isGreaterThan((long) (200 * 1.5 * 0.5));
        assertThat(admitted[0].get()).isPositive();
        assertThat(admitted[1].get()).isPositive();
    }

    @Test
    void denyCacheAnswersRepeatedRefusalsWithoutRedisUntilTheirRetryTime() {
        TestClock clock = TestClock.at(MIDNIGHT);
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "deny")
                .limit(Limit.perSecond(10).burst(4))
                .clock(clock)
                .denyCache(1_000)
                .timeout(Duration.ofSeconds(5))
                .build();
        assertThat(limiter.tryAcquire("abuser", 4).allowed()).isTrue();
        resetStats();
        Decision first = limiter.tryAcquire("abuser", 2); // Redis refuses: 2 units are 200 ms away
        assertThat(first.source()).isEqualTo(Decision.Source.LIMITER);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMillis(200));
        for (int i = 0; i < 100; i++) {
            Decision again = limiter.tryAcquire("abuser", 3);
            assertThat(again.allowed()).isFalse();
            assertThat(again.source()).isEqualTo(Decision.Source.CACHED_REFUSAL);
        }
        clock.advanceNanos(150_000_000);
        Decision aged = limiter.tryAcquire("abuser", 2);
        assertThat(aged.source()).isEqualTo(Decision.Source.CACHED_REFUSAL);
        assertThat(aged.retryAfter()).isEqualTo(Duration.ofMillis(50));
        assertThat(aged.headers()).containsEntry("Retry-After", "1");
        assertThat(commandCalls()).containsEntry("evalsha", 1L);

        // A smaller cost than the remembered refusal goes to Redis, which admits it: one unit refilled by 150 ms.
        assertThat(limiter.tryAcquire("abuser", 1).allowed()).isTrue();
        // Other keys are not affected.
        assertThat(limiter.tryAcquire("someone-else", 4).allowed()).isTrue();
        // At the retry time Redis is asked again.
        clock.advanceNanos(150_000_000);
        Decision later = limiter.tryAcquire("abuser", 2);
        assertThat(later.source()).isEqualTo(Decision.Source.LIMITER);
        assertThat(later.allowed()).isTrue();
        assertThat(commandCalls()).containsEntry("evalsha", 4L);
    }

    @Test
    void asyncDecisionsMatchSyncOnes() {
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "async")
                .limit(Limit.perMinute(3))
                .timeout(Duration.ofSeconds(5))
                .build();
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            decisions.add(limiter.tryAcquireAsync("k", 1).toCompletableFuture().join());
        }
        assertThat(decisions).extracting(Decision::allowed).containsExactly(true, true, true, false);
        assertThat(decisions.get(3).headers()).containsKey("Retry-After");
        assertThat(decisions.get(3).limits()).extracting(LimitStatus::remaining).containsExactly(0L);
    }

    @Test
    void hostileKeysStayInsideTheirNamespace() {
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "ns")
                .limit(Limit.perMinute(1))
                .timeout(Duration.ofSeconds(5))
                .build();
        List<String> keys = List.of("", " ", "a:b", "{tag}", "*", "\r\nFLUSHALL\r\n", "🙂", "x".repeat(1_000));
        for (String key : keys) {
            assertThat(limiter.tryConsume(key)).isTrue();
            assertThat(limiter.tryConsume(key)).isFalse();
        }
        assertThat(keys(admin, "*")).hasSize(keys.size()).allMatch(k -> k.startsWith("ns:"));
    }

    @Test
    void badInputIsRefusedBeforeRedisIsCalled() {
        resetStats();
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "bad")
                .limit(Limit.perSecond(10).burst(4))
                .build();
        assertThatThrownBy(() -> limiter.tryAcquire(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> limiter.tryAcquire("x".repeat(1_001), 1))
                .hasMessageContaining("key text is 1001 characters");
        assertThatThrownBy(() -> limiter.tryAcquire("k", 0)).hasMessageContaining("cost must be at least 1");
        assertThatThrownBy(() -> limiter.tryAcquireAsync("k", 5))
                .hasMessageContaining("exceeds the smallest capacity 4");
        assertThat(commandCalls()).doesNotContainKeys("evalsha", "eval");

        var async = commands;
        assertThatThrownBy(() -> RedisRateLimiter.builder(async, "has space")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> RedisRateLimiter.builder(async, "")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> RedisRateLimiter.builder(null, "ns")).isInstanceOf(NullPointerException.class);
        RedisRateLimiter.Builder builder = RedisRateLimiter.builder(async, "ns");
        assertThatThrownBy(builder::build).hasMessageContaining("at least one limit");
        assertThatThrownBy(() -> builder.limit(Limit.perSecond(2_000_000))).hasMessageContaining("per microsecond");
        assertThatThrownBy(() -> builder.limit(Limit.perDay(200_000).slidingWindow()))
                .hasMessageContaining("2^53");
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).hasMessageContaining("between 1 ms and 10 s");
        assertThatThrownBy(() -> builder.timeout(Duration.ofMinutes(1))).hasMessageContaining("PT1M");
        assertThatThrownBy(() -> builder.retryInterval(Duration.ofHours(1))).hasMessageContaining("retryInterval");
        assertThatThrownBy(() -> builder.onOutage(OutagePolicy.LOCAL_FALLBACK, 0))
                .hasMessageContaining("instances");
        assertThatThrownBy(() -> builder.fallbackMaxKeys(0)).hasMessageContaining("fallbackMaxKeys");
        assertThatThrownBy(() -> builder.denyCache(-1)).hasMessageContaining("denyCache");
        assertThatThrownBy(() -> builder.limit(Limit.perSecond(1))
                        .limit(Limit.perSecond(1))
                        .build())
                .hasMessageContaining("two limits are named");
    }

    /** The one Redis key starting with this prefix. */
    private static String onlyKey(String prefix) {
        List<String> keys = keys(admin, prefix + "*");
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private static Duration ceilMicros(Duration d) {
        return Duration.ofNanos(-Math.floorDiv(-d.toNanos(), 1_000) * 1_000);
    }
}
