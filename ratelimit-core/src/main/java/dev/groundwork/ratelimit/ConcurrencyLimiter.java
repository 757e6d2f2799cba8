package dev.groundwork.ratelimit;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits how many requests per key are in flight at once (Stripe's "concurrent requests limiter", resilience4j's
 * bulkhead, per key): a permit is taken when work starts and given back when it ends, whatever the time.
 *
 * <pre>{@code
 * Optional<ConcurrencyLimiter.Permit> permit = reports.tryAcquire(userId);
 * if (permit.isEmpty()) {
 *     response.setStatus(429);
 *     return;
 * }
 * ConcurrencyLimiter.Permit held = permit.get();
 * try (held) {
 *     runReport();
 * }
 * }</pre>
 *
 * <p>Memory is proportional to the keys with work in flight: a key's counter is removed when its last permit is
 * closed. Lock-free: one compare-and-set per acquire and per release, nothing shared across keys but the map.
 * Thread-safe.
 *
 * @param <K> the key type
 */
public final class ConcurrencyLimiter<K> {

    private final int maxInFlight;
    private final ConcurrentHashMap<K, Slot> slots = new ConcurrentHashMap<>();

    private ConcurrencyLimiter(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /**
     * A limiter allowing {@code maxInFlight} permits per key at once.
     *
     * @param maxInFlight at least 1
     * @param <K> the key type
     * @return the limiter
     * @throws IllegalArgumentException if below 1
     */
    public static <K> ConcurrencyLimiter<K> of(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        return new ConcurrencyLimiter<>(maxInFlight);
    }

    /**
     * Takes a permit for {@code key} if fewer than {@code maxInFlight} are held. Never blocks.
     *
     * @param key the key, not null
     * @return the permit to close when the work ends, or empty when the key is at its limit
     */
    @CheckReturnValue
    public Optional<Permit> tryAcquire(K key) {
        Objects.requireNonNull(key, "key");
        for (; ; ) {
            Slot slot = slots.get(key);
            if (slot == null) {
                Slot fresh = new Slot();
                slot = slots.putIfAbsent(key, fresh);
                if (slot == null) {
                    slot = fresh;
                }
            }
            for (; ; ) {
                int held = slot.get();
                if (held < 0) {
                    slots.remove(key, slot); // retired by its last release; make way for a fresh one
                    break;
                }
                if (held >= maxInFlight) {
                    return Optional.empty();
                }
                if (slot.compareAndSet(held, held + 1)) {
                    return Optional.of(new Permit(slots, key, slot));
                }
            }
        }
    }

    /**
     * Permits currently held for {@code key}.
     *
     * @param key the key
     * @return held permits, 0 to {@code maxInFlight}
     */
    public int inFlight(K key) {
        Slot slot = slots.get(Objects.requireNonNull(key, "key"));
        return slot == null ? 0 : Math.max(0, slot.get());
    }

    /**
     * Keys with at least one permit held (approximately, under concurrent change).
     *
     * @return the number of tracked keys
     */
    public int activeKeys() {
        return slots.size();
    }

    /**
     * The permits allowed per key.
     *
     * @return the maximum in flight
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** The count of permits held for one key; {@code -1} once retired. */
    private static final class Slot extends AtomicInteger {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One held permit. Closing it gives the permit back; closing it again does nothing. Thread-safe.
     */
    public static final class Permit implements AutoCloseable {
        private final ConcurrentHashMap<?, Slot> slots;
        private final Object key;
        private final Slot slot;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit(ConcurrentHashMap<?, Slot> slots, Object key, Slot slot) {
            this.slots = slots;
            this.key = key;
            this.slot = slot;
        }

        /** Gives the permit back, once; the last permit of a key retires its counter and removes it. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false) && slot.decrementAndGet() == 0 && slot.compareAndSet(0, -1)) {
                slots.remove(key, slot);
            }
        }
    }
}
