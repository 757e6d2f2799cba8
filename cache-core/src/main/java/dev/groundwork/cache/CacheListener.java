package dev.groundwork.cache;

/**
 * Hears what a cache does, so Micrometer, OpenTelemetry or a log can count it without Groundwork depending on
 * them. Every method has an empty default. Calls come on the thread that did the work, synchronously: keep them
 * fast, thread-safe, and free of exceptions.
 */
public interface CacheListener {
    /**
     * A fresh value (or a fresh "none") was served from the cache.
     *
     * @param cache the cache's name
     */
    default void onHit(String cache) {}

    /**
     * The key was absent or expired, and a load was needed.
     *
     * @param cache the cache's name
     */
    default void onMiss(String cache) {}

    /**
     * A fresh value entered its refresh-ahead window and one background reload started.
     *
     * @param cache the cache's name
     */
    default void onRefresh(String cache) {}

    /**
     * A load finished.
     *
     * @param cache the cache's name
     * @param nanos how long it took
     * @param found whether the loader returned a value (false: cached negatively)
     */
    default void onLoad(String cache, long nanos, boolean found) {}

    /**
     * A load failed or timed out; nothing was cached.
     *
     * @param cache the cache's name
     * @param cause why
     */
    default void onLoadFailure(String cache, CacheLoadException cause) {}

    /**
     * A reload failed and the expired value was served instead, within the stale-if-error window.
     *
     * @param cache the cache's name
     * @param cause why the reload failed
     */
    default void onStaleServed(String cache, CacheLoadException cause) {}

    /**
     * An entry was evicted to respect the size bound.
     *
     * @param cache the cache's name
     */
    default void onEviction(String cache) {}
}
