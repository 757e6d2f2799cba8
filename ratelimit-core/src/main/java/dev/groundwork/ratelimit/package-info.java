/**
 * Rate limits in process: GCRA (token bucket), fixed and sliding windows, several limits per key decided all or
 * nothing, and a concurrency limiter.
 *
 * <p>Start from {@link dev.groundwork.ratelimit.RateLimiter#builder()}, add {@link dev.groundwork.ratelimit.Limit}s,
 * and build a {@link dev.groundwork.ratelimit.RateLimiter} for one resource or a
 * {@link dev.groundwork.ratelimit.KeyedRateLimiter} per client. Each request gets a
 * {@link dev.groundwork.ratelimit.Decision} whose {@code headers()} are the {@code RateLimit-Policy},
 * {@code RateLimit} and {@code Retry-After} fields to send. A {@link dev.groundwork.ratelimit.RateLimitListener}
 * hears every decision, for metrics. Tests drive time with a {@link dev.groundwork.ratelimit.ManualTimeSource}.
 *
 * <p>Limiters are thread-safe and lock-free on the single-limit path; builders are not thread-safe.
 */
package dev.groundwork.ratelimit;
