package dev.groundwork.cache;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Loads the value of a key without holding a thread while it waits: for loaders on an asynchronous client (an HTTP
 * client, R2DBC, Redis). The cache calls it on the caller's thread; it must return at once and finish the stage
 * later ({@code Optional.empty()} when the key has none). A stage that fails, or does not finish within the load
 * timeout, fails every waiter and caches nothing.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface AsyncCacheLoader<K, V> {
    /**
     * Starts loading one key.
     *
     * @param key the key
     * @param executor the cache's executor, for any blocking part of the load
     * @return the value to come, or empty when the key has none
     */
    CompletionStage<Optional<V>> load(K key, Executor executor);
}
