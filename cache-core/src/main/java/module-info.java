import org.jspecify.annotations.NullMarked;

/**
 * Caches on Caffeine with single-flight loads, refresh-ahead, stale-if-error and negative caching.
 */
@NullMarked
module dev.groundwork.cache {
    exports dev.groundwork.cache;
    exports dev.groundwork.cache.http;

    requires com.github.benmanes.caffeine;
    requires static transitive com.google.errorprone.annotations;
    requires static transitive org.jspecify;
}
