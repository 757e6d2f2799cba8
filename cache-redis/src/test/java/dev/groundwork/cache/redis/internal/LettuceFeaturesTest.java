package dev.groundwork.cache.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.Test;

/** A cluster cache refuses, when it is built, a Lettuce without sharded pub/sub, naming the version it needs. */
class LettuceFeaturesTest {
    /** The commands of a Lettuce before 6.4: classic pub/sub only. */
    interface Lettuce63Commands {
        RedisFuture<Long> publish(String channel, byte[] message);
    }

    @Test
    void theLettuceOnThisClassPathHasShardedPubSub() {
        assertThat(LettuceFeatures.missingShardedPubSub(
                        RedisClusterAsyncCommands.class,
                        RedisClusterAsyncCommands.class.getPackage().getImplementationVersion()))
                .isNull();
        assertThatNoException().isThrownBy(LettuceFeatures::requireShardedPubSub);
    }

    @Test
    void anOlderLettuceIsNamedWithTheVersionNeeded() {
        assertThat(LettuceFeatures.missingShardedPubSub(Lettuce63Commands.class, "6.3.2.RELEASE/8941aea"))
                .isEqualTo("groundwork-cache-redis on a Redis Cluster needs Lettuce (io.lettuce:lettuce-core) 6.4 or"
                        + " newer, for sharded pub/sub; the class path has Lettuce 6.3.2.RELEASE/8941aea (a platform"
                        + " BOM may manage it: set lettuce-core's version in your dependencyManagement)");
        assertThat(LettuceFeatures.missingShardedPubSub(Lettuce63Commands.class, null))
                .contains("the class path has an older Lettuce");
    }
}
