import org.jspecify.annotations.NullMarked;

/**
 * auth-core's stores shared by many instances through Redis: token revocations, refresh token families with atomic
 * rotation and reuse detection, and API keys.
 */
// Lettuce ships as an automatic module (lettuce.core); its command type is part of this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
@NullMarked
module dev.groundwork.auth.redis {
    exports dev.groundwork.auth.redis;

    requires transitive dev.groundwork.auth;
    requires transitive lettuce.core;
    requires static transitive org.jspecify;
}
