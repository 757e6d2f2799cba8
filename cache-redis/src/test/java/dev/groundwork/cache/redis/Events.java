package dev.groundwork.cache.redis;

import dev.groundwork.cache.CacheLoadException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what a {@link RedisCacheListener} hears. */
final class Events implements RedisCacheListener {
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger redisHits = new AtomicInteger();
    final AtomicInteger redisMisses = new AtomicInteger();
    final AtomicInteger redisFailures = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger available = new AtomicInteger();
    final AtomicInteger localFlushes = new AtomicInteger();
    final AtomicInteger wokenWaits = new AtomicInteger();
    final AtomicInteger expiredWaits = new AtomicInteger();
    final AtomicInteger loadFailures = new AtomicInteger();
    final List<String> codecFailures = new CopyOnWriteArrayList<>();

    @Override
    public void onHit(String cache) {
        hits.incrementAndGet();
    }

    @Override
    public void onLoadFailure(String cache, CacheLoadException cause) {
        loadFailures.incrementAndGet();
    }

    @Override
    public void onRedisHit(String cache) {
        redisHits.incrementAndGet();
    }

    @Override
    public void onRedisMiss(String cache) {
        redisMisses.incrementAndGet();
    }

    @Override
    public void onRedisFailure(String cache, Throwable cause) {
        redisFailures.incrementAndGet();
    }

    @Override
    public void onRedisUnavailable(String cache) {
        unavailable.incrementAndGet();
    }

    @Override
    public void onRedisAvailable(String cache) {
        available.incrementAndGet();
    }

    @Override
    public void onCodecFailure(String cache, String redisKey, Exception cause) {
        codecFailures.add(redisKey);
    }

    @Override
    public void onLocalFlush(String cache) {
        localFlushes.incrementAndGet();
    }

    @Override
    public void onFleetWait(String cache, boolean woken) {
        (woken ? wokenWaits : expiredWaits).incrementAndGet();
    }
}
