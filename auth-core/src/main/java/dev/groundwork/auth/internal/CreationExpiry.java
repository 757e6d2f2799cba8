package dev.groundwork.auth.internal;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A Caffeine expiry fixed when an entry is created, from its key and value, and kept by updates and reads: what
 * Caffeine 3.2's {@code Expiry.creating} does, written here so that this module also runs on Caffeine 3.1 (the line
 * Spring Boot 3.3 and 3.4 manage), which lacks it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CreationExpiry<K, V> implements Expiry<K, V> {
    private final BiFunction<K, V, Duration> lifetime;

    private CreationExpiry(BiFunction<K, V, Duration> lifetime) {
        this.lifetime = lifetime;
    }

    /**
     * An expiry that gives each entry the lifetime the function computes when the entry is created.
     *
     * @param lifetime how long an entry lives, from its key and value
     * @param <K> the key type
     * @param <V> the value type
     * @return the expiry
     */
    public static <K, V> Expiry<K, V> of(BiFunction<K, V, Duration> lifetime) {
        return new CreationExpiry<>(Objects.requireNonNull(lifetime, "lifetime"));
    }

    @Override
    public long expireAfterCreate(K key, V value, long currentTime) {
        return saturatedNanos(lifetime.apply(key, value));
    }

    @Override
    public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }

    @Override
    public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }

    /** The duration in nanoseconds, or the long's limit when it has more (a token valid until the year 9999). */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
