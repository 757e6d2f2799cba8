import org.jspecify.annotations.NullMarked;

/**
 * Redis as the shared second level behind the caches of dev.groundwork.cache: a Caffeine cache in each instance in
 * front of Redis, invalidation of every instance over Redis pub/sub, one load per key across the fleet, and a
 * circuit that keeps the cache serving when Redis is down.
 */
// Lettuce and resilience4j ship as automatic modules; Lettuce's client type is part of this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
@NullMarked
module dev.groundwork.cache.redis {
    exports dev.groundwork.cache.redis;

    requires transitive dev.groundwork.cache;
    requires transitive lettuce.core;
    requires io.github.resilience4j.circuitbreaker;
    requires io.github.resilience4j.core;
    requires static transitive com.fasterxml.jackson.databind;
    requires static transitive org.jspecify;
    requires static transitive com.google.errorprone.annotations;
}
