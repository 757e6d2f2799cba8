package dev.groundwork.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.OutagePolicy;
import dev.groundwork.ratelimit.RateLimitListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10.6: the keys of different limiters cannot collide, whatever their namespaces and key texts, and a key
 * holding a state its limiter did not write is that key's failure alone: never read as a fresh bucket, never an
 * outage of the server for every other key.
 */
class KeyIsolationTest extends SharedRedisTest {

    /** Records what the listener hears. */
    private static final class Failures implements RateLimitListener {
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void onBackendFailure(Throwable cause, OutagePolicy policy) {
            causes.add(cause);
        }
    }

    private static KeyedRateLimiter<String> limiter(String namespace, Limit limit) {
        return RedisRateLimiter.builder(commands, namespace)
                .limit(limit)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void namespaceAndKeyBoundariesCannotBeShifted() {
        KeyedRateLimiter<String> a = limiter("a", Limit.perMinute(3));
        KeyedRateLimiter<String> ab = limiter("a:b", Limit.perMinute(3));
        KeyedRateLimiter<String> abWithPlan = limiter("a:b:" + "0".repeat(12), Limit.perMinute(3));

        // The outside suite's pair: "a" + "b:c" and "a:b" + "c"; and shifts through the plan part and escapes.
        for (int i = 0; i < 3; i++) {
            assertThat(a.tryConsume("b:c")).isTrue();
        }
        assertThat(a.tryConsume("b:c")).isFalse();
        assertThat(ab.tryConsume("c")).isTrue();
        assertThat(abWithPlan.tryConsume("c")).isTrue();
        assertThat(a.tryConsume("b%3Ac")).isTrue();
        assertThat(a.tryConsume("b%c")).isTrue();
        assertThat(a.tryConsume("b%25c")).isTrue();

        assertThat(keys(admin, "*"))
                .hasSize(6)
                .allSatisfy(key ->
                        assertThat(key.substring(key.lastIndexOf(':') + 1)).doesNotContain(":"));
    }

    @Test
    void limitersWithDifferentPlansInOneNamespaceNeverShareState() {
        // The README once asked users to give such limiters different namespaces; now nothing depends on it.
        KeyedRateLimiter<String> gcra = limiter("shared", Limit.perMinute(3));
        KeyedRateLimiter<String> fixed = limiter("shared", Limit.perMinute(3).fixedWindow());
        KeyedRateLimiter<String> sliding = limiter("shared", Limit.perMinute(50).slidingWindow());
        KeyedRateLimiter<String> sameAsGcra = limiter("shared", Limit.perMinute(3));

        assertThat(gcra.tryConsume("k", 3)).isTrue();
        assertThat(fixed.tryConsume("k", 3)).isTrue();
        assertThat(sliding.tryConsume("k", 50)).isTrue();
        // Same plan, same namespace: the fleet case, one shared count.
        assertThat(sameAsGcra.tryConsume("k")).isFalse();
        assertThat(keys(admin, "shared:*")).hasSize(3);
    }

    /**
     * Values a key may hold that its limiter did not write: another shape, numbers out of range, counts beyond the
     * quota, too many or too few parts, and other types. Each is answered by the policy for that key, reported
     * with the key's name, left as found, and every other key keeps deciding through Redis.
     */
    @ParameterizedTest
    @EnumSource(OutagePolicy.class)
    void aForeignStateIsThatKeysFailureAlone(OutagePolicy policy) {
        List<Consumer<String>> foreign = List.of(
                key -> admin.set(key, "garbage"),
                key -> admin.set(key, ""),
                key -> admin.set(key, "-5"),
                key -> admin.set(key, "1e5"),
                key -> admin.set(key, "12.5"),
                key -> admin.set(key, "99999999999999999999"),
                key -> admin.set(key, "9007199254740993"),
                key -> admin.set(key, "1;2"),
                key -> admin.set(key, "1:2"),
                key -> admin.set(key, ";"),
                key -> admin.set(key, "1\n"),
                key -> admin.set(key, "0x10"),
                key -> admin.hset(key, "tat", "1"),
                key -> admin.rpush(key, "1"));
        Failures failures = new Failures();
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "foreign")
                .limit(Limit.perMinute(3))
                .timeout(Duration.ofSeconds(5))
                .retryInterval(Duration.ofMinutes(1))
                .onOutage(policy)
                .listener(failures)
                .build();
        assertThat(limiter.tryConsume("victim")).isTrue();
        String key = keys(admin, "foreign:*").get(0);

        for (Consumer<String> write : foreign) {
            admin.del(key);
            write.accept(key);
            String type = admin.type(key);
            String before = type.equals("string") ? admin.get(key) : null;
            int heard = failures.causes.size();

            Decision decision = limiter.tryAcquire("victim");

            assertThat(decision.source())
                    .as("%s holding %s", policy, before)
                    .isEqualTo(
                            switch (policy) {
                                case FAIL_OPEN -> Decision.Source.FAIL_OPEN;
                                case FAIL_CLOSED -> Decision.Source.FAIL_CLOSED;
                                case LOCAL_FALLBACK -> Decision.Source.LOCAL_FALLBACK;
                            });
            assertThat(failures.causes).hasSize(heard + 1);
            assertThat(failures.causes.get(heard))
                    .isInstanceOf(UnreadableStateException.class)
                    .hasMessageContaining(key);
            assertThat(((UnreadableStateException) failures.causes.get(heard)).redisKey())
                    .isEqualTo(key);
            assertThat(admin.type(key)).isEqualTo(type);
            if (before != null) {
                assertThat(admin.get(key)).isEqualTo(before);
            }
            // Not an outage: with a one-minute retry interval, any outage would send this key to the policy too.
            Decision other = limiter.tryAcquire("bystander-" + foreign.indexOf(write));
            assertThat(other.source()).isEqualTo(Decision.Source.LIMITER);
            assertThat(other.allowed()).isTrue();
        }
    }

    @Test
    void aFullBucketStaysFullAndCountsBeyondTheQuotaAreNotReadAsRoom() {
        KeyedRateLimiter<String> fixed = limiter("counts", Limit.perMinute(3).fixedWindow());
        assertThat(fixed.tryConsume("k", 3)).isTrue();
        String key = keys(admin, "counts:*").get(0);
        String full = admin.get(key);
        assertThat(fixed.tryConsume("k")).isFalse();
        // A count beyond the quota (as another plan might write) is refused as unreadable, not admitted.
        String index = full.substring(0, full.indexOf(':'));
        admin.set(key, index + ":4");
        Decision decision = fixed.tryAcquire("k");
        assertThat(decision.source()).isEqualTo(Decision.Source.LOCAL_FALLBACK);
        admin.set(key, full);
        assertThat(fixed.tryAcquire("k").allowed()).isFalse();
    }

    @Test
    void asyncDecisionsTreatAForeignStateTheSameWay() throws Exception {
        Failures failures = new Failures();
        KeyedRateLimiter<String> limiter = RedisRateLimiter.builder(commands, "async")
                .limit(Limit.perMinute(3))
                .timeout(Duration.ofSeconds(5))
                .onOutage(OutagePolicy.FAIL_CLOSED)
                .listener(failures)
                .build();
        assertThat(limiter.tryConsume("k")).isTrue();
        admin.set(keys(admin, "async:*").get(0), "not ours");

        Decision decision =
                limiter.tryAcquireAsync("k", 1).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(decision.source()).isEqualTo(Decision.Source.FAIL_CLOSED);
        assertThat(failures.causes).singleElement().isInstanceOf(UnreadableStateException.class);
        assertThat(limiter.tryAcquireAsync("other", 1)
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS)
                        .source())
                .isEqualTo(Decision.Source.LIMITER);
    }
}
