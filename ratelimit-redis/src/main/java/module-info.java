import org.jspecify.annotations.NullMarked;

/**
 * The limits of dev.groundwork.ratelimit enforced across many instances through Redis, one round trip per
 * decision.
 */
@NullMarked
module dev.groundwork.ratelimit.redis {
    requires transitive dev.groundwork.ratelimit;
    requires static transitive org.jspecify;
}
