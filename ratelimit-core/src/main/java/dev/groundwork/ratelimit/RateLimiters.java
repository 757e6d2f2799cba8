package dev.groundwork.ratelimit;

/**
 * Entry point for in-process rate limiters.
 *
 * <pre>{@code
 * KeyedRateLimiter<String> perClient = RateLimiters.builder()
 *         .limit(Limit.perSecond(20).burst(40))
 *         .limit(Limit.perDay(10_000).named("daily"))
 *         .buildKeyed();
 *
 * Decision d = perClient.tryAcquire(clientId);
 * d.headers().forEach(response::setHeader);
 * if (!d.allowed()) response.setStatus(429);
 * }</pre>
 */
public final class RateLimiters {

    private RateLimiters() {}

    /**
     * A builder for a {@link RateLimiter} (one shared resource) or a {@link KeyedRateLimiter} (state per key).
     *
     * @return a new builder
     */
    public static RateLimiterBuilder builder() {
        return new RateLimiterBuilder();
    }
}
