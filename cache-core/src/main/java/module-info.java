import org.jspecify.annotations.NullMarked;

/**
 * Caches on Caffeine with single-flight loads, refresh-ahead, stale-if-error and negative caching.
 */
@NullMarked
module dev.groundwork.cache {
    requires com.github.benmanes.caffeine;
    requires static transitive org.jspecify;
}
