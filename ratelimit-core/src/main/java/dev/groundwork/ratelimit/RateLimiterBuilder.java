package dev.groundwork.ratelimit;

import dev.groundwork.ratelimit.internal.LimitPlan;
import dev.groundwork.ratelimit.internal.LocalKeyedLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures an in-process {@link RateLimiter} or {@link KeyedRateLimiter}; start from
 * {@link RateLimiters#builder()}. Everything is validated by {@link #build()} and {@link #buildKeyed()}, not at
 * first use. Not thread-safe; the limiters it builds are.
 */
public final class RateLimiterBuilder {

    private final List<Limit> limits = new ArrayList<>();
    private TimeSource time = TimeSource.system();
    private RateLimitListener listener = RateLimitListener.none();
    private long maxKeys = 1_000_000;
    private String name = "rate-limiter";

    RateLimiterBuilder() {}

    /**
     * Adds a limit; a request must pass every limit added.
     *
     * @param limit the limit; its name must differ from the other limits' names
     * @return this builder
     */
    public RateLimiterBuilder limit(Limit limit) {
        limits.add(Objects.requireNonNull(limit, "limit"));
        return this;
    }

    /**
     * The clock to read; {@link TimeSource#system()} by default, a {@link ManualTimeSource} in tests.
     *
     * @param time the time source
     * @return this builder
     */
    public RateLimiterBuilder timeSource(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        return this;
    }

    /**
     * Who hears about decisions; nobody by default.
     *
     * @param listener the listener
     * @return this builder
     */
    public RateLimiterBuilder listener(RateLimitListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * A keyed limiter's upper bound on keys held in memory (1 000 000 by default). Keys whose limits are all full
     * again are removed first and cost nothing; when more keys than this are active at once, a key that is not
     * full is removed (in the sweep's order, not least-recently-used) and starts full again, so keep the bound
     * above the number of keys active within the longest limit's refill time.
     *
     * @param maxKeys at least 1
     * @return this builder
     */
    public RateLimiterBuilder maxKeys(long maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
        return this;
    }

    /**
     * The name a single-key limiter reports to its listener as the key ({@code "rate-limiter"} by default).
     *
     * @param name not blank
     * @return this builder
     */
    public RateLimiterBuilder name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
        return this;
    }

    /**
     * A limiter for one shared resource.
     *
     * @return the limiter
     * @throws IllegalArgumentException if no limit was added or two limits share a name
     */
    public RateLimiter build() {
        return new RateLimiter(name, LimitPlan.of(limits), time, listener);
    }

    /**
     * A limiter with separate state per key, bounded in memory: a key's state is evicted once it has been idle
     * for the longest time any limit needs to refill completely (so nothing is lost), or when more than
     * {@link #maxKeys(long)} keys are held.
     *
     * @param <K> the key type
     * @return the limiter
     * @throws IllegalArgumentException if no limit was added or two limits share a name
     */
    public <K> KeyedRateLimiter<K> buildKeyed() {
        return new LocalKeyedLimiter<>(LimitPlan.of(limits), time, listener, maxKeys);
    }
}
