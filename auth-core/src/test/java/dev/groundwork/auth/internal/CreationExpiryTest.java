package dev.groundwork.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The expiry fixed at creation: what Caffeine 3.2's {@code Expiry.creating} does, on Caffeine 3.1 as well. */
class CreationExpiryTest {
    @Test
    void theLifetimeIsFixedAtCreationAndKeptByUpdatesAndReads() {
        Expiry<String, Duration> expiry = CreationExpiry.of((key, lifetime) -> lifetime);
        assertThat(expiry.expireAfterCreate("a", Duration.ofSeconds(3), 0)).isEqualTo(3_000_000_000L);
        assertThat(expiry.expireAfterUpdate("a", Duration.ofDays(1), 5, 1_234)).isEqualTo(1_234);
        assertThat(expiry.expireAfterRead("a", Duration.ofDays(1), 5, 1_234)).isEqualTo(1_234);
    }

    @Test
    void lifetimesBeyondALongOfNanosecondsSaturate() {
        Expiry<String, Duration> expiry = CreationExpiry.of((key, lifetime) -> lifetime);
        assertThat(expiry.expireAfterCreate("far", Duration.ofDays(365L * 8_000), 0))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(expiry.expireAfterCreate("past", Duration.ofDays(-365L * 8_000), 0))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(expiry.expireAfterCreate("zero", Duration.ZERO, 0)).isZero();
        assertThatNullPointerException().isThrownBy(() -> CreationExpiry.of(null));
    }

    @Test
    void aCacheDropsEachEntryWhenItsOwnLifetimeEnds() {
        AtomicLong nanos = new AtomicLong();
        Cache<String, Duration> cache = Caffeine.newBuilder()
                .ticker(nanos::get)
                .executor(Runnable::run)
                .expireAfter(CreationExpiry.<String, Duration>of((key, lifetime) -> lifetime))
                .build();
        cache.put("short", Duration.ofSeconds(1));
        cache.put("long", Duration.ofSeconds(10));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        cache.put("short", Duration.ofSeconds(100));
        assertThat(cache.getIfPresent("short"))
                .as("an update keeps the first lifetime")
                .isNotNull();
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(cache.getIfPresent("short")).isNull();
        assertThat(cache.getIfPresent("long")).isNotNull();
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.getIfPresent("long")).isNull();
    }
}
