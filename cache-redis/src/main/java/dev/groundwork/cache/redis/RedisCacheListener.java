package dev.groundwork.cache.redis;

import dev.groundwork.cache.CacheListener;

/**
 * Hears what a {@link RedisCache} does: the local cache's events ({@link CacheListener}) and the Redis level's.
 * Every method has an empty default; calls come synchronously on the thread that did the work (Lettuce's own
 * threads for invalidations): keep them fast, thread-safe and free of exceptions.
 */
public interface RedisCacheListener extends CacheListener {

    /**
     * A local miss found the value (or a cached "none") in Redis.
     *
     * @param cache the cache's name
     */
    default void onRedisHit(String cache) {}

    /**
     * A local miss did not find the key in Redis either.
     *
     * @param cache the cache's name
     */
    default void onRedisMiss(String cache) {}

    /**
     * A Redis call failed or exceeded the Redis timeout; the cache went on without Redis for that call.
     *
     * @param cache the cache's name
     * @param cause what failed
     */
    default void onRedisFailure(String cache, Throwable cause) {}

    /**
     * The circuit opened: Redis is skipped (the local cache and the loader serve) until a probe succeeds.
     *
     * @param cache the cache's name
     */
    default void onRedisUnavailable(String cache) {}

    /**
     * The circuit closed again after a successful probe; invalidations missed meanwhile were replayed and the local
     * cache was flushed.
     *
     * @param cache the cache's name
     */
    default void onRedisAvailable(String cache) {}

    /**
     * Bytes in Redis could not be decoded (another shape or a foreign value), or a value could not be encoded; it
     * counted as a miss.
     *
     * @param cache the cache's name
     * @param redisKey the Redis key
     * @param cause the codec's exception
     */
    default void onCodecFailure(String cache, String redisKey, Exception cause) {}

    /**
     * Every local entry was dropped because invalidations may have been missed (the subscription reconnected, or
     * an invalidation could not be read).
     *
     * @param cache the cache's name
     */
    default void onLocalFlush(String cache) {}

    /**
     * A miss found another instance loading the key and waited for it.
     *
     * @param cache the cache's name
     * @param woken true when that instance's value arrived in time; false when the wait ran out and this instance
     *     loaded the key itself
     */
    default void onFleetWait(String cache, boolean woken) {}
}
