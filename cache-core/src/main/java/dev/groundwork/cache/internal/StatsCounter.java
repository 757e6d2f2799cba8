package dev.groundwork.cache.internal;

import dev.groundwork.cache.CacheListener;
import dev.groundwork.cache.CacheLoadException;
import dev.groundwork.cache.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/** Counts a cache's events with striped counters, then passes each on to the user's listener. Thread-safe. */
public final class StatsCounter implements CacheListener {
    private final CacheListener next;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    /**
     * Counts, then tells {@code next}.
     *
     * @param next the user's listener
     */
    public StatsCounter(CacheListener next) {
        this.next = next;
    }

    /**
     * What was counted so far.
     *
     * @return the snapshot
     */
    public CacheStats snapshot() {
        return new CacheStats(
                hits.sum(),
                misses.sum(),
                loads.sum(),
                loadFailures.sum(),
                loadNanos.sum(),
                refreshes.sum(),
                stale.sum(),
                evictions.sum());
    }

    @Override
    public void onHit(String cache) {
        hits.increment();
        next.onHit(cache);
    }

    @Override
    public void onMiss(String cache) {
        misses.increment();
        next.onMiss(cache);
    }

    @Override
    public void onRefresh(String cache) {
        refreshes.increment();
        next.onRefresh(cache);
    }

    @Override
    public void onLoad(String cache, long nanos, boolean found) {
        loads.increment();
        loadNanos.add(nanos);
        next.onLoad(cache, nanos, found);
    }

    @Override
    public void onLoadFailure(String cache, CacheLoadException cause) {
        loadFailures.increment();
        next.onLoadFailure(cache, cause);
    }

    @Override
    public void onStaleServed(String cache, CacheLoadException cause) {
        stale.increment();
        next.onStaleServed(cache, cause);
    }

    @Override
    public void onEviction(String cache) {
        evictions.increment();
        next.onEviction(cache);
    }
}
