package dev.groundwork.cache;

import java.util.Optional;

/**
 * Loads the value of a key: {@code Optional.empty()} when there is none (cached negatively, for the negative
 * time to live). A failure is thrown, never returned as a value, and never cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface CacheLoader<K, V> {
    /**
     * Loads one key.
     *
     * @param key the key
     * @return the value, or empty when the key has none
     * @throws Exception when the value could not be read; it reaches the caller as a {@link CacheLoadException}
     */
    Optional<V> load(K key) throws Exception;
}
