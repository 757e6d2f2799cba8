package dev.groundwork.cache.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * How a cache's invalidation messages travel between instances.
 *
 * <p>On one Redis (or a replicated pair behind Sentinel) they go over classic pub/sub on one channel, and the
 * scripts that write publish in the same call. On a Redis Cluster classic pub/sub would reach every instance too, but
 * each message is copied to every node of the cluster over its bus; sharded pub/sub ({@code SPUBLISH},
 * {@code SSUBSCRIBE}, Redis 7) keeps a message on the one shard that owns its channel's slot. A sharded channel is a
 * key for the cluster, and a script may only touch its keys' slot, so on a cluster the message is sent right after
 * the script, on one of {@value #SHARDS} channels chosen by the key (spread over the masters).
 *
 * <p>Redis unsubscribes a sharded channel when its slot moves (a failover, a resharding) and Lettuce does not
 * subscribe it again, nor when the node it subscribed on is gone for good. So the bus subscribes again itself when
 * it hears an unsubscription it did not ask for, and every {@code probeInterval} it publishes a probe on one of its
 * channels in turn; a probe it does not hear itself marks the channel lost. A
 * lost or re-established subscription means messages may have been missed: the bus reports it, and the cache
 * flushes its local level.
 */
abstract sealed class MessageBus implements AutoCloseable {

    /** The sharded channels of one cache: enough to spread over the masters of a usual cluster. */
    static final int SHARDS = 8;

    /** What the bus tells the cache. */
    interface Receiver {
        /**
         * A message from any instance (the sender's own included).
         *
         * @param message the message
         */
        void onMessage(String message);

        /** Messages may have been missed: a subscription was lost or established again. */
        void onLost();
    }

    final Receiver receiver;

    private MessageBus(Receiver receiver) {
        this.receiver = receiver;
    }

    /**
     * The channel a write script publishes on itself, or the empty text when the message goes after the script.
     *
     * @param text the key's text
     * @return the channel, or {@code ""}
     */
    abstract String scriptChannel(String text);

    /**
     * Sends a message about a key after its script ran, where the script could not (sharded pub/sub).
     *
     * @param redis the commands
     * @param text the key's text
     * @param message the message
     * @return the reply to come; at once when the script published it
     */
    abstract CompletableFuture<Long> after(
            RedisClusterAsyncCommands<String, byte[]> redis, String text, String message);

    /**
     * Sends a message every instance hears, whatever key it is about.
     *
     * @param redis the commands
     * @param message the message
     * @return the replies to come
     */
    abstract CompletableFuture<Void> toAll(RedisClusterAsyncCommands<String, byte[]> redis, String message);

    @Override
    public abstract void close();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One channel, classic pub/sub; the scripts publish. Lettuce subscribes again after a reconnect. */
    static final class Classic extends MessageBus {
        private final String channel;
        private final StatefulRedisPubSubConnection<String, String> subscription;
        private final AtomicBoolean subscribedOnce = new AtomicBoolean();

        Classic(RedisClient client, String channel, Receiver receiver) {
            super(receiver);
            this.channel = channel;
            this.subscription = client.connectPubSub();
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    if (channel.equals(from)) {
                        receiver.onMessage(message);
                    }
                }

                @Override
                public void subscribed(String to, long count) {
                    if (channel.equals(to) && !subscribedOnce.compareAndSet(false, true)) {
                        // Subscribed again after a lost connection: messages sent meanwhile were missed.
                        receiver.onLost();
                    }
                }
            });
            try {
                subscription.sync().subscribe(channel);
            } catch (RuntimeException e) {
                subscription.close();
                throw e;
            }
        }

        @Override
        String scriptChannel(String text) {
            return channel;
        }

        @Override
        CompletableFuture<Long> after(RedisClusterAsyncCommands<String, byte[]> redis, String text, String message) {
            return CompletableFuture.completedFuture(0L);
        }

        @Override
        CompletableFuture<Void> toAll(RedisClusterAsyncCommands<String, byte[]> redis, String message) {
            return redis.publish(channel, bytes(message)).toCompletableFuture().thenRun(() -> {});
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    /** {@value #SHARDS} sharded channels on a cluster, watched and subscribed again by the bus itself. */
    static final class Sharded extends MessageBus {
        private final List<String> channels;
        private final String probePrefix;
        private final Executor executor;
        private final long probeNanos;
        private final StatefulRedisClusterPubSubConnection<String, String> subscription;
        private final RedisClusterAsyncCommands<String, byte[]> redis;
        private final RedisClusterClient client;
        /** Channels subscribed at least once: a later subscription of one follows a loss. */
        private final Set<String> subscribedOnce = ConcurrentHashMap.newKeySet();

        private final AtomicBoolean closed = new AtomicBoolean();

        private final AtomicLong probeCount = new AtomicLong();
        /** The probe sent last, its channel, and whether it came back: checked when the next one is due. */
        private volatile @Nullable String probeSent;

        private volatile @Nullable String probeChannel;
        private volatile boolean probeHeard = true;

        Sharded(
                RedisClusterClient client,
                RedisClusterAsyncCommands<String, byte[]> redis,
                String channel,
                String instance,
                Receiver receiver,
                Executor executor,
                long probeNanos) {
            super(receiver);
            this.channels = IntStream.range(0, SHARDS)
                    .mapToObj(shard -> channel + ":" + shard)
                    .toList();
            this.probePrefix = instance + " P ";
            this.executor = executor;
            this.probeNanos = probeNanos;
            this.redis = redis;
            this.client = client;
            this.subscription = client.connectPubSub();
            subscription.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void smessage(RedisClusterNode node, String from, String message) {
                    if (!channels.contains(from)) {
                        return;
                    }
                    if (message.startsWith(probePrefix)) {
                        if (message.equals(probeSent)) {
                            probeHeard = true;
                        }
                    } else if (!message.startsWith("P ", message.indexOf(' ') + 1)) {
                        // Not another instance's probe.
                        receiver.onMessage(message);
                    }
                }

                @Override
                public void ssubscribed(RedisClusterNode node, String to, long count) {
                    if (channels.contains(to) && !subscribedOnce.add(to)) {
                        receiver.onLost();
                    }
                }

                @Override
                public void sunsubscribed(RedisClusterNode node, String from, long count) {
                    if (channels.contains(from) && !closed.get()) {
                        // The slot moved (a failover, a resharding): subscribe where it lives now.
                        lost(from);
                    }
                }
            });
            try {
                for (String shard : channels) {
                    subscription.sync().ssubscribe(shard);
                }
            } catch (RuntimeException e) {
                subscription.close();
                throw e;
            }
            scheduleProbe();
        }

        private String channelOf(String text) {
            return channels.get(Math.floorMod(text.hashCode(), SHARDS));
        }

        @Override
        String scriptChannel(String text) {
            return "";
        }

        @Override
        CompletableFuture<Long> after(RedisClusterAsyncCommands<String, byte[]> redis, String text, String message) {
            return redis.spublish(channelOf(text), bytes(message)).toCompletableFuture();
        }

        @Override
        CompletableFuture<Void> toAll(RedisClusterAsyncCommands<String, byte[]> redis, String message) {
            // Every instance subscribes every channel: one is enough.
            return redis.spublish(channels.get(0), bytes(message))
                    .toCompletableFuture()
                    .thenRun(() -> {});
        }

        /** Reports a loss and subscribes the channel again, retrying until it succeeds or the bus closes. */
        private void lost(String channel) {
            receiver.onLost();
            resubscribe(channel);
        }

        /**
         * Subscribes a channel where its slot lives now: the client's view of the cluster is refreshed first, or
         * the subscription would go back to the node that just gave the slot away.
         */
        private void resubscribe(String channel) {
            if (closed.get()) {
                return;
            }
            client.refreshPartitionsAsync()
                    .thenCompose(refreshed -> subscription.async().ssubscribe(channel))
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            // The cluster has not settled yet: try again shortly.
                            later(() -> resubscribe(channel), Math.max(probeNanos / 10, 10_000_000L));
                        }
                    });
        }

        private void scheduleProbe() {
            later(this::probe, probeNanos);
        }

        private void later(Runnable task, long nanos) {
            if (!closed.get()) {
                CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, executor)
                        .execute(task);
            }
        }

        /**
         * Checks the previous probe, then sends the next on the next channel: a probe that Redis took but this
         * instance did not hear by now means its channel's subscription is gone.
         */
        private void probe() {
            if (closed.get()) {
                return;
            }
            String previous = probeChannel;
            if (previous != null && !probeHeard) {
                lost(previous);
            }
            long n = probeCount.getAndIncrement();
            String channel = channels.get((int) (n % SHARDS));
            String message = probePrefix + n;
            probeChannel = null;
            probeSent = message;
            probeHeard = false;
            redis.spublish(channel, bytes(message))
                    .toCompletableFuture()
                    .copy()
                    .orTimeout(probeNanos, TimeUnit.NANOSECONDS)
                    .whenComplete((receivers, failure) -> {
                        // The receivers Redis counts are the master's; a subscription on a replica of the shard
                        // counts nowhere but hears the probe all the same. Only the echo tells.
                        if (failure == null) {
                            probeChannel = channel;
                        } else {
                            // Redis itself is unreachable or slow: the cache's circuit deals with that.
                            probeHeard = true;
                        }
                        scheduleProbe();
                    });
        }

        @Override
        public void close() {
            closed.set(true);
            subscription.close();
        }
    }
}
