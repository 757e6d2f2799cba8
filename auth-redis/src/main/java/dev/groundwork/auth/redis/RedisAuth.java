package dev.groundwork.auth.redis;

import dev.groundwork.auth.RefreshTokenStore;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.StoreUnavailableException;
import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.redis.internal.Backend;
import dev.groundwork.auth.redis.internal.RedisApiKeys;
import dev.groundwork.auth.redis.internal.RedisRefreshTokens;
import dev.groundwork.auth.redis.internal.RedisRevocations;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * auth-core's stores on one Redis, shared by every instance of a service: a {@link RevocationList} whose entries
 * expire with their tokens, a {@link RefreshTokenStore} whose rotation and reuse detection hold across instances,
 * and an {@link ApiKeyStore}.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create(redisUri);
 * RedisAuth redis = RedisAuth.builder(client.connect().async(), "auth")
 *         .timeout(Duration.ofMillis(100)) // per command; then 503s, see the outage table
 *         .build();
 *
 * TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", signingKey)
 *         .audience("orders-api")
 *         .refreshTokens(redis.refreshTokenStore())
 *         .build();
 * JwtVerifier verifier = JwtVerifier.builder()
 *         .issuer("https://auth.example.com", issuer.verificationKeys())
 *         .audience("orders-api")
 *         .algorithms(JwsAlgorithm.ES256)
 *         .revocation(redis.revocationList())
 *         .build();
 * }</pre>
 *
 * <p>When Redis fails or does not answer within the timeout, the stores throw {@link StoreUnavailableException},
 * which auth-core turns into 503 outcomes (the refresh token and API key stores always; the revocation list unless
 * built with another {@link RevocationOutage}). After a few failures in a row Redis is not asked again for the
 * retry interval, so a dead Redis costs a few timeouts per interval, not one per request, and it is used again
 * without a restart.
 * Thread-safe.
 */
public final class RedisAuth {

    /** What a revocation check decides while Redis cannot answer. */
    public enum RevocationOutage {
        /**
         * Refuse the token (the verifier rejects with {@code REVOCATION_UNAVAILABLE}, 503): a revoked token never
         * passes. The default.
         */
        FAIL_CLOSED,
        /**
         * Treat the token as not revoked: every validly signed, unexpired token passes during the outage, revoked or
         * not. For services that prefer availability and keep access tokens short-lived.
         */
        FAIL_OPEN,
        /**
         * Refuse the tokens this instance knows to be revoked (revoked through it, or found revoked in Redis; kept
         * here until they expire, up to 100 000) and let the others pass: no 503 during an outage, and the
         * revocations that went through this instance, such as its own logouts, still hold. A revocation made on
         * another instance during the outage is not seen until Redis answers.
         */
        FAIL_OPEN_EXCEPT_KNOWN
    }

    private final Backend backend;
    private final RevocationList revocations;

    private RedisAuth(Backend backend, RevocationOutage revocationOutage) {
        this.backend = backend;
        this.revocations = new RedisRevocations(
                backend,
                revocationOutage != RevocationOutage.FAIL_CLOSED,
                revocationOutage == RevocationOutage.FAIL_OPEN_EXCEPT_KNOWN ? 100_000 : 0);
    }

    /**
     * A builder for the stores on one Redis.
     *
     * @param redis the asynchronous commands of a Lettuce connection ({@code connection.async()} of a standalone,
     *     Sentinel-managed or Cluster connection); one connection serves every thread
     * @param namespace the prefix of every key the stores write ({@code namespace:kind:id}), 1–100 characters of
     *     {@code [A-Za-z0-9._:{}-]}; services sharing a namespace share revocations, refresh tokens and API keys
     * @return a new builder
     */
    public static Builder builder(RedisClusterAsyncCommands<String, String> redis, String namespace) {
        return new Builder(Objects.requireNonNull(redis, "redis"), namespace);
    }

    /**
     * Revoked access tokens by {@code jti}, each kept until its token expires; one {@code EXISTS} per check.
     *
     * @return the list (the same one on every call: with {@link RevocationOutage#FAIL_OPEN_EXCEPT_KNOWN} it holds
     *     what this instance knows)
     */
    public RevocationList revocationList() {
        return revocations;
    }

    /**
     * Refresh tokens (their hashes) and revoked families; for one token presented on several instances at once,
     * exactly one consumption wins. Three round trips per refresh, one per save or family revocation.
     *
     * @return the store
     */
    public RefreshTokenStore refreshTokenStore() {
        return new RedisRefreshTokens(backend);
    }

    /**
     * API keys (their secrets' hashes), kept until deleted; one round trip per check.
     *
     * @return the store
     */
    public ApiKeyStore apiKeyStore() {
        return new RedisApiKeys(backend);
    }

    /**
     * Configures {@link RedisAuth}; start from {@link RedisAuth#builder}. Defaults: a 100 ms timeout per command, a
     * 1 s retry interval after 3 failures in a row, revocation checks that fail closed, the system clock for
     * expiries. Not thread-safe.
     */
    public static final class Builder {

        private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._:{}-]{1,100}");

        private final RedisClusterAsyncCommands<String, String> redis;
        private final String namespace;
        private Duration timeout = Duration.ofMillis(100);
        private Duration retryInterval = Duration.ofSeconds(1);
        private int failuresToOpen = 3;
        private RevocationOutage revocationOutage = RevocationOutage.FAIL_CLOSED;
        private Clock clock = Clock.systemUTC();

        private Builder(RedisClusterAsyncCommands<String, String> redis, String namespace) {
            Objects.requireNonNull(namespace, "namespace");
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException(
                        "namespace must be 1-100 characters of [A-Za-z0-9._:{}-], got \"" + namespace + "\"");
            }
            this.redis = redis;
            this.namespace = namespace;
        }

        /**
         * The longest one command waits for Redis (100 ms by default).
         *
         * @param timeout between 1 ms and 10 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = within(timeout, Duration.ofMillis(1), Duration.ofSeconds(10), "timeout");
            return this;
        }

        /**
         * How long the stores answer "unavailable" without asking Redis once {@link #failuresToOpen} commands in a
         * row failed (1 s by default).
         *
         * @param retryInterval between 1 ms and 1 minute
         * @return this builder
         */
        public Builder retryInterval(Duration retryInterval) {
            this.retryInterval = within(retryInterval, Duration.ofMillis(1), Duration.ofMinutes(1), "retryInterval");
            return this;
        }

        /**
         * How many failed commands in a row make the stores stop asking Redis for the retry interval (3 by default);
         * a failure before that fails only its own call.
         *
         * @param failures between 1 and 100
         * @return this builder
         */
        public Builder failuresToOpen(int failures) {
            if (failures < 1 || failures > 100) {
                throw new IllegalArgumentException("failuresToOpen must be between 1 and 100, got " + failures);
            }
            this.failuresToOpen = failures;
            return this;
        }

        /**
         * What revocation checks decide while Redis cannot answer ({@link RevocationOutage#FAIL_CLOSED} by default).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder revocationOutage(RevocationOutage policy) {
            this.revocationOutage = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The clock that turns expiry instants into Redis lifetimes (the system clock by default).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The stores' shared settings.
         *
         * @return the stores on this Redis
         */
        public RedisAuth build() {
            return new RedisAuth(
                    new Backend(redis, namespace, timeout, retryInterval, failuresToOpen, clock), revocationOutage);
        }

        private static Duration within(Duration value, Duration min, Duration max, String name) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }
    }
}
