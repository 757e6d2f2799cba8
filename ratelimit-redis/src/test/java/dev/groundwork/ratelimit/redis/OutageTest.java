package dev.groundwork.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.RateLimitListener;
import dev.groundwork.testing.RedisProcess;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The redis-server is killed in the middle of a run and started again on the same port: each outage policy
 * decides while it is gone, failures and the recovery are reported, and the same limiter objects work again
 * without being rebuilt.
 */
class OutageTest {

    private RedisProcess redis;
    private StatefulRedisConnection<String, String> connection;

    @BeforeEach
    void start() {
        redis = new RedisProcess();
        connection = redis.connect();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    /** Records failures and recoveries. */
    private static final class Events implements RateLimitListener {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger recoveries = new AtomicInteger();

        @Override
        public void onBackendFailure(Throwable cause, OutagePolicy policy) {
            failures.add(policy + " " + cause.getClass().getSimpleName());
        }

        @Override
        public void onBackendRecovered() {
            recoveries.incrementAndGet();
        }
    }

    private KeyedRateLimiter<String> limiter(OutagePolicy policy, int instances, Events events) {
        return RedisRateLimiter.builder(connection.async(), "outage-" + policy)
                .limit(Limit.perMinute(10))
                .timeout(Duration.ofMillis(200))
                .retryInterval(Duration.ofMillis(100))
                .onOutage(policy, instances)
                .listener(events)
                .build();
    }

    @Test
    void eachPolicyDecidesWhileRedisIsDownAndEveryLimiterRecoversAfterARestart() throws Exception {
        Events openEvents = new Events();
        Events closedEvents = new Events();
        Events localEvents = new Events();
        KeyedRateLimiter<String> open = limiter(OutagePolicy.FAIL_OPEN, 1, openEvents);
        KeyedRateLimiter<String> closed = limiter(OutagePolicy.FAIL_CLOSED, 1, closedEvents);
        KeyedRateLimiter<String> local = limiter(OutagePolicy.LOCAL_FALLBACK, 2, localEvents);
        for (KeyedRateLimiter<String> limiter : List.of(open, closed, local)) {
            Decision d = limiter.tryAcquire("client", 10);
            assertThat(d.allowed()).isTrue();
            assertThat(d.source()).isEqualTo(Decision.Source.LIMITER);
            assertThat(limiter.tryAcquire("client", 1).allowed()).isFalse();
        }

        redis.stop();

        // FAIL_OPEN admits the client that Redis had already exhausted.
        List<Decision> opened = decide(open, 50);
        assertThat(opened).allMatch(d -> d.allowed() && d.source() == Decision.Source.FAIL_OPEN);
        assertThat(opened.get(0).headers()).isEmpty();
        // FAIL_CLOSED refuses everyone, with Retry-After.
        List<Decision> refused = decide(closed, 50);
        assertThat(refused).allMatch(d -> !d.allowed() && d.source() == Decision.Source.FAIL_CLOSED);
        assertThat(refused.get(0).headers()).containsEntry("Retry-After", "1");
        // LOCAL_FALLBACK: each of 2 instances enforces 10 / 2 = 5 per minute in memory.
        List<Decision> fallback = decide(local, 8);
        assertThat(fallback).allMatch(d -> d.source() == Decision.Source.LOCAL_FALLBACK);
        assertThat(fallback)
                .extracting(Decision::allowed)
                .containsExactly(true, true, true, true, true, false, false, false);
        assertThat(fallback.get(7).limits().get(0).limit().quota()).isEqualTo(5);
        assertThat(fallback.get(7).headers()).containsKey("Retry-After");
        // The async path follows the same policy.
        CompletionStage<Decision> async = open.tryAcquireAsync("client", 1);
        assertThat(async.toCompletableFuture().get(10, TimeUnit.SECONDS).source())
                .isEqualTo(Decision.Source.FAIL_OPEN);

        for (Events events : List.of(openEvents, closedEvents, localEvents)) {
            assertThat(events.failures).isNotEmpty();
            assertThat(events.recoveries).hasValue(0);
        }
        assertThat(openEvents.failures.get(0)).startsWith("FAIL_OPEN ");

        redis.start(); // empty again: no state, no script

        for (KeyedRateLimiter<String> limiter : List.of(open, closed, local)) {
            Decision d = awaitRedis(limiter);
            assertThat(d.allowed()).isTrue(); // the restarted Redis has a full bucket for the client
        }
        for (Events events : List.of(openEvents, closedEvents, localEvents)) {
            assertThat(events.recoveries).hasValue(1);
        }
        assertThat(open.tryAcquire("client", 9).remaining()).isZero();
        assertThat(open.tryAcquire("client", 1).allowed()).isFalse();
    }

    @Test
    void aDeadRedisCostsOneTimeoutPerRetryIntervalNotOnePerRequest() {
        Events events = new Events();
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(connection.async(), "interval")
                .limit(Limit.perSecond(1_000))
                .timeout(Duration.ofMillis(100))
                .retryInterval(Duration.ofMillis(200))
                .onOutage(OutagePolicy.FAIL_OPEN)
                .listener(events)
                .build();
        assertThat(limiter.tryAcquire("k", 1).source()).isEqualTo(Decision.Source.LIMITER);
        redis.stop();
        long began = System.nanoTime();
        int decisions = 0;
        while (System.nanoTime() - began < 1_000_000_000L) {
            assertThat(limiter.tryAcquire("k", 1).source()).isEqualTo(Decision.Source.FAIL_OPEN);
            decisions++;
        }
        long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
        // Each failure opens a 200 ms window in which Redis is not asked: at most one failure per window.
        assertThat(events.failures).isNotEmpty().hasSizeLessThanOrEqualTo((int) (elapsedMillis / 200) + 1);
        assertThat(decisions).isGreaterThan(10 * events.failures.size());
    }

    @Test
    void aSlowRedisIsAnOutageAfterTheTimeout() throws Exception {
        Events events = new Events();
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(connection.async(), "slow")
                .limit(Limit.perSecond(10))
                .timeout(Duration.ofMillis(50))
                .onOutage(OutagePolicy.FAIL_CLOSED)
                .listener(events)
                .build();
        assertThat(limiter.tryAcquire("k", 1).source()).isEqualTo(Decision.Source.LIMITER);
        // DEBUG SLEEP blocks the whole server for 1 s, as a long-running command or a fork stall would. It goes out
        // on the limiter's own connection, so Redis reads it before the decision's EVALSHA: no race to wait out.
        var sleeping = connection
                .async()
                .dispatch(
                        io.lettuce.core.protocol.CommandType.DEBUG,
                        new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                        new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                                .add("SLEEP")
                                .add(1));
        Decision d = limiter.tryAcquire("k", 1);
        assertThat(d.source()).isEqualTo(Decision.Source.FAIL_CLOSED);
        assertThat(events.failures).containsExactly("FAIL_CLOSED TimeoutException");
        sleeping.get(10, TimeUnit.SECONDS);
    }

    private static List<Decision> decide(KeyedRateLimiter<String> limiter, int times) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            decisions.add(limiter.tryAcquire("client", 1));
        }
        return decisions;
    }

    /** Decides until Redis answers again (Lettuce reconnects by itself), polling for at most 30 s. */
    private static Decision awaitRedis(KeyedRateLimiter<String> limiter) {
        return Awaitility.await("the limiter reaches Redis again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> limiter.tryAcquire("client", 1), d -> d.source() == Decision.Source.LIMITER);
    }
}
