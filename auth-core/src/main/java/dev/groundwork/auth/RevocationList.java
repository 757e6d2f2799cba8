package dev.groundwork.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.groundwork.auth.internal.CreationExpiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Access tokens revoked before their expiry, by {@code jti}. A {@link JwtVerifier} given one
 * ({@link JwtVerifier.Builder#revocation}) rejects such tokens with {@link VerificationOutcome.Reason#REVOKED}, cached or not.
 * An entry is kept only until the token would have expired anyway. Implement it over Redis or a database to share
 * revocations between instances. Implementations must be thread-safe, and fast: it is asked on every verification. An
 * implementation that cannot answer and fails closed throws {@link StoreUnavailableException}: the verifier then
 * rejects with {@link VerificationOutcome.Reason#REVOCATION_UNAVAILABLE} (503).
 */
public interface RevocationList {

    /**
     * Revokes a token.
     *
     * @param jwtId the token's {@code jti}
     * @param expiresAt the token's {@code exp}: the revocation may be forgotten after it
     */
    void revoke(String jwtId, Instant expiresAt);

    /**
     * Whether a token is revoked.
     *
     * @param jwtId the token's {@code jti}
     * @return true when revoked
     */
    boolean isRevoked(String jwtId);

    /**
     * A list in this process's memory, bounded, forgetting each entry when its token expires.
     *
     * @param clock the clock expiries are measured with
     * @param maxEntries the most revocations kept
     * @return the list
     */
    static RevocationList inMemory(Clock clock, int maxEntries) {
        Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        Cache<String, Instant> revoked = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(CreationExpiry.of((String jti, Instant expiresAt) -> {
                    Duration left = Duration.between(clock.instant(), expiresAt);
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
        return new RevocationList() {
            @Override
            public void revoke(String jwtId, Instant expiresAt) {
                revoked.put(Objects.requireNonNull(jwtId, "jwtId"), Objects.requireNonNull(expiresAt, "expiresAt"));
            }

            @Override
            public boolean isRevoked(String jwtId) {
                return revoked.getIfPresent(jwtId) != null;
            }
        };
    }
}
