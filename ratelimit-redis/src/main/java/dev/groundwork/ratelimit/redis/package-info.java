/**
 * The limits of {@code dev.groundwork.ratelimit} shared by many instances through Redis: every decision is one
 * atomic {@code EVALSHA}, with a declared policy for when Redis is down or slow.
 *
 * <p>Start from {@link dev.groundwork.ratelimit.redis.RedisRateLimiter#builder}; the result is the same
 * {@link dev.groundwork.ratelimit.KeyedRateLimiter} as in process. A key holding a state its limiter did not write
 * is reported as an {@link dev.groundwork.ratelimit.redis.UnreadableStateException} and decided for that key alone.
 *
 * <p>Limiters are thread-safe and share one Lettuce connection; builders are not thread-safe.
 */
package dev.groundwork.ratelimit.redis;
