package dev.groundwork.cache.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of cache loads: one pool per JVM, shared by every cache that is not given its own, sized for
 * loaders that block on I/O (a database, a remote call).
 *
 * <p>Not the common fork-join pool: its parallelism is the number of cores minus one, and a blocked loader does not
 * make it add a thread, so a few hanging loaders would stall every other cache's loads, parallel streams and async
 * completions in the JVM; and on two cores, where that parallelism is 1, {@code CompletableFuture} replaces it with a
 * new thread per task (measured: about 110 µs per load, against 48 µs here). Here up to {@value #THREADS} loads run at once; more wait in
 * the queue, and the load timeout counts that wait, so a backlog ends in timeouts, not in unbounded threads. Idle
 * threads end after a minute; they are daemons, so the pool never keeps a JVM alive.
 */
public final class LoadThreads {

    /** Loads that may block at once, across every cache using the default. */
    public static final int THREADS = 64;

    private static final Executor SHARED = create();

    private LoadThreads() {}

    /**
     * The shared pool.
     *
     * @return the executor
     */
    public static Executor shared() {
        return SHARED;
    }

    private static Executor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "groundwork-cache-load-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
