import org.jspecify.annotations.NullMarked;

/**
 * Rate limiters (GCRA, fixed and sliding windows, concurrency), per key with bounded memory, and the HTTP
 * headers their decisions imply.
 */
@NullMarked
module dev.groundwork.ratelimit {
    exports dev.groundwork.ratelimit;

    requires static transitive com.google.errorprone.annotations;
    requires static transitive org.jspecify;
}
