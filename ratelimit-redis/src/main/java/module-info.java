import org.jspecify.annotations.NullMarked;

/**
 * The limits of dev.groundwork.ratelimit enforced across many instances through Redis, one round trip per
 * decision.
 */
// Lettuce ships as an automatic module (lettuce.core); its connection type is part of this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
@NullMarked
module dev.groundwork.ratelimit.redis {
    exports dev.groundwork.ratelimit.redis;

    requires transitive dev.groundwork.ratelimit;
    requires transitive lettuce.core;
    requires static transitive org.jspecify;
}
