package dev.groundwork.ratelimit;

/**
 * What a limiter backed by a remote store (Redis) decides when the store does not answer in time. Chosen
 * explicitly when the limiter is built; every failure is reported to {@link RateLimitListener#onBackendFailure}.
 */
public enum OutagePolicy {
    /** Admit every request while the store is unreachable: availability over protection (Envoy's default). */
    FAIL_OPEN,
    /** Refuse every request while the store is unreachable: protection over availability. */
    FAIL_CLOSED,
    /**
     * Decide with a limiter in this process whose limits are the shared limits divided by the expected number of
     * instances: each instance keeps its share, so the fleet stays near the global limit without the store.
     */
    LOCAL_FALLBACK
}
