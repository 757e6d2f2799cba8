/**
 * A two-level cache: {@link dev.groundwork.cache.redis.RedisCache} keeps a Caffeine cache in each instance (L1) in
 * front of Redis (L2), shared by the fleet. Start from {@link dev.groundwork.cache.redis.RedisCache#builder}.
 */
package dev.groundwork.cache.redis;
