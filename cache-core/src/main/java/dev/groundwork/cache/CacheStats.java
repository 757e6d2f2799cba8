package dev.groundwork.cache;

/**
 * A snapshot of what a cache counted since it was built, when built with {@code recordStats()}. Immutable.
 *
 * @param hits reads served fresh from the cache
 * @param misses reads that needed a load
 * @param loads loads that finished, a value or "none"
 * @param loadFailures loads that failed or timed out
 * @param totalLoadNanos the time the finished loads took
 * @param refreshes background refreshes started (refresh-ahead and early refresh)
 * @param staleServed expired values served because a reload failed
 * @param evictions entries evicted for the size bound
 */
public record CacheStats(
        long hits,
        long misses,
        long loads,
        long loadFailures,
        long totalLoadNanos,
        long refreshes,
        long staleServed,
        long evictions) {

    /**
     * The share of reads served from the cache.
     *
     * @return hits over hits plus misses; 1 when nothing was read
     */
    public double hitRate() {
        long reads = hits + misses;
        return reads == 0 ? 1.0 : (double) hits / reads;
    }
}
