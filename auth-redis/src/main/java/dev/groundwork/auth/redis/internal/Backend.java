package dev.groundwork.auth.redis.internal;

import dev.groundwork.auth.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One Redis for the stores: key names, a timeout per command, and a circuit: after some failures in a row, calls fail
 * at once for the retry interval, so a dead Redis costs a few timeouts per interval, not one per request, while one
 * slow answer under load fails only its own call. Connection failures and
 * timeouts become {@link StoreUnavailableException}; an error reply from a working server (a key of the wrong type)
 * is thrown as Lettuce's {@link RedisCommandExecutionException}, for the store to judge.
 */
public final class Backend {

    private static final System.Logger LOG = System.getLogger("dev.groundwork.auth.redis");

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String namespace;
    private final long timeoutNanos;
    private final long retryNanos;
    private final Clock clock;
    private final int failuresToOpen;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    /** System.nanoTime() before which calls fail at once; 0 while Redis answers. */
    private volatile long retryAt;

    public Backend(
            RedisClusterAsyncCommands<String, String> redis,
            String namespace,
            Duration timeout,
            Duration retryInterval,
            int failuresToOpen,
            Clock clock) {
        this.redis = redis;
        this.failuresToOpen = failuresToOpen;
        this.namespace = namespace;
        this.timeoutNanos = timeout.toNanos();
        this.retryNanos = retryInterval.toNanos();
        this.clock = clock;
    }

    /** The key of one entry: {@code namespace:kind:id}. */
    public String key(String kind, String id) {
        return namespace + ':' + kind + ':' + id;
    }

    public Clock clock() {
        return clock;
    }

    /** Milliseconds from now until an instant, or 0 when it has passed. */
    public long millisUntil(java.time.Instant instant) {
        return Math.max(0, instant.toEpochMilli() - clock.millis());
    }

    /**
     * Runs one command and waits for its answer.
     *
     * @param what the operation, for messages ("revocation check")
     */
    public <T> T call(String what, Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        long openUntil = retryAt;
        if (openUntil != 0 && System.nanoTime() - openUntil < 0) {
            throw new StoreUnavailableException("Redis is unavailable (" + what + " not tried: failed recently)", null);
        }
        RedisFuture<T> future;
        try {
            future = command.apply(redis);
        } catch (RedisException e) {
            throw failed(what, e);
        }
        try {
            T value = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
            failuresInARow.set(0);
            if (retryAt != 0) {
                retryAt = 0;
                LOG.log(System.Logger.Level.INFO, "Redis answers again");
            }
            return value;
        } catch (TimeoutException e) {
            future.cancel(false);
            throw failed(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for Redis (" + what + ")", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RedisCommandExecutionException reply) {
                throw reply;
            }
            throw failed(what, cause == null ? e : cause);
        }
    }

    private StoreUnavailableException failed(String what, Throwable cause) {
        if (failuresInARow.incrementAndGet() < failuresToOpen) {
            return new StoreUnavailableException("Redis failed (" + what + "): " + cause, cause);
        }
        boolean wasUp = retryAt == 0;
        retryAt = System.nanoTime() + retryNanos;
        if (wasUp) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Redis failed ({0}: {1}); not tried again for {2} ms",
                    what,
                    cause.toString(),
                    retryNanos / 1_000_000);
        }
        return new StoreUnavailableException("Redis failed (" + what + "): " + cause, cause);
    }
}
