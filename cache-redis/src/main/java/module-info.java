import org.jspecify.annotations.NullMarked;

/**
 * Redis as the shared second level behind the caches of dev.groundwork.cache.
 */
@NullMarked
module dev.groundwork.cache.redis {
    requires transitive dev.groundwork.cache;
    requires static transitive org.jspecify;
}
