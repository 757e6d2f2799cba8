package dev.groundwork.auth.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groundwork.auth.RefreshTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The in-memory {@link RefreshTokenStore}. Thread-safe. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
    private record Entry(Grant grant, AtomicBoolean used) {}

    private final Clock clock;
    private final Cache<String, Entry> tokens;
    private final Cache<String, Instant> revokedFamilies;

    /**
     * A store of at most {@code maxTokens} grants, each forgotten when it expires.
     *
     * @param clock the clock expiries are measured with
     * @param maxTokens the most grants kept
     */
    public InMemoryRefreshTokenStore(Clock clock, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(CreationExpiry.of(
                        (String hash, Entry entry) -> until(entry.grant().expiresAt())))
                .build();
        this.revokedFamilies = Caffeine.newBuilder()
                .expireAfter(CreationExpiry.of((String family, Instant until) -> until(until)))
                .build();
    }

    private Duration until(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void save(String tokenHash, Grant grant) {
        tokens.put(tokenHash, new Entry(grant, new AtomicBoolean()));
    }

    @Override
    public Consumption consume(String tokenHash) {
        Entry entry = tokens.getIfPresent(tokenHash);
        if (entry == null) {
            return new Consumption.Unknown();
        }
        if (revokedFamilies.getIfPresent(entry.grant().familyId()) != null) {
            return new Consumption.FamilyRevoked(entry.grant());
        }
        return entry.used().compareAndSet(false, true)
                ? new Consumption.First(entry.grant())
                : new Consumption.Reused(entry.grant());
    }

    @Override
    public void revokeFamily(String familyId, Instant until) {
        revokedFamilies.put(familyId, until);
    }
}
