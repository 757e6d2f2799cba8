package dev.groundwork.cache.redis.internal;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the Lettuce on the class path can do, checked when a cache is built rather than met as a
 * {@code NoSuchMethodError} at its first invalidation: the application's platform may manage an older Lettuce than
 * the one this module was built with.
 */
final class LettuceFeatures {
    /** The first Lettuce with sharded pub/sub ({@code SSUBSCRIBE}, {@code SPUBLISH}), which a cluster cache needs. */
    static final String SHARDED_PUB_SUB = "6.4";

    private LettuceFeatures() {}

    /** Throws unless this Lettuce has sharded pub/sub. */
    static void requireShardedPubSub() {
        String missing = missingShardedPubSub(
                RedisClusterAsyncCommands.class,
                RedisClusterAsyncCommands.class.getPackage().getImplementationVersion());
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
    }

    /**
     * Why a cluster cache cannot run on the Lettuce whose commands interface is given, or null when it can.
     *
     * @param commands Lettuce's asynchronous cluster commands interface
     * @param found the Lettuce version, from its jar's manifest, when known
     */
    static @Nullable String missingShardedPubSub(Class<?> commands, @Nullable String found) {
        boolean present = Arrays.stream(commands.getMethods())
                .anyMatch(method -> method.getName().equals("spublish"));
        if (present) {
            return null;
        }
        return "groundwork-cache-redis on a Redis Cluster needs Lettuce (io.lettuce:lettuce-core) "
                + SHARDED_PUB_SUB + " or newer, for sharded pub/sub; the class path has "
                + (found == null ? "an older Lettuce" : "Lettuce " + found)
                + " (a platform BOM may manage it: set lettuce-core's version in your dependencyManagement)";
    }
}
