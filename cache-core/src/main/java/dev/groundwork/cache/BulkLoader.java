package dev.groundwork.cache;

import java.util.Map;
import java.util.Set;

/**
 * Loads many keys in one call (one {@code WHERE id IN (...)} instead of one query per key). Keys missing from the
 * returned map have no value and are cached negatively. A failure is thrown, never cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface BulkLoader<K, V> {
    /**
     * Loads the keys the cache does not hold.
     *
     * @param keys the missing keys, never empty
     * @return the values found, by key; keys without a value are left out
     * @throws Exception when the values could not be read; it reaches the caller as a {@link CacheLoadException}
     */
    Map<K, V> loadAll(Set<K> keys) throws Exception;
}
