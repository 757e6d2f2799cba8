package dev.groundwork.auth.redis.internal;

import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.StoreUnavailableException;
import io.lettuce.core.SetArgs;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Revoked token ids as keys that expire with their tokens: {@code ns:rv:<jti>}. With a local memory (for
 * {@code FAIL_OPEN_EXCEPT_KNOWN}), the ids this instance revoked or found revoked are also kept here until their
 * tokens expire: they answer without a round trip, while Redis cannot answer, and after Redis lost its data.
 */
public final class RedisRevocations implements RevocationList {

    private static final System.Logger LOG = System.getLogger("dev.groundwork.auth.redis");

    private final Backend backend;
    private final boolean failOpen;
    private final @Nullable RevocationList known;

    /**
     * @param failOpen pass tokens not known to be revoked while Redis cannot answer
     * @param knownEntries how many revocations this instance remembers (0: none), each until its token expires
     */
    public RedisRevocations(Backend backend, boolean failOpen, int knownEntries) {
        this.backend = backend;
        this.failOpen = failOpen;
        this.known = knownEntries == 0 ? null : RevocationList.inMemory(backend.clock(), knownEntries);
    }

    @Override
    public void revoke(String jwtId, Instant expiresAt) {
        Objects.requireNonNull(jwtId, "jwtId");
        long ttl = backend.millisUntil(Objects.requireNonNull(expiresAt, "expiresAt"));
        if (ttl <= 0) {
            return; // the token's exp refuses it already
        }
        if (known != null) {
            known.revoke(jwtId, expiresAt); // before Redis: this instance refuses it even if Redis fails
        }
        String key = backend.key("rv", jwtId);
        backend.call("revocation", redis -> redis.set(key, "1", SetArgs.Builder.px(ttl)));
    }

    @Override
    public boolean isRevoked(String jwtId) {
        if (known != null && known.isRevoked(jwtId)) {
            return true; // revocations only grow until their tokens expire: what is known here needs no round trip
        }
        String key = backend.key("rv", jwtId);
        try {
            Long found = backend.call("revocation check", redis -> redis.exists(key));
            boolean revoked = found != null && found > 0;
            if (revoked && known != null) { // not known yet: the early return above would have answered
                Long ttl = backend.call("revocation lifetime", redis -> redis.pttl(key));
                if (ttl != null && ttl > 0) {
                    known.revoke(jwtId, backend.clock().instant().plusMillis(ttl));
                }
            }
            return revoked;
        } catch (StoreUnavailableException e) {
            if (failOpen) {
                LOG.log(System.Logger.Level.DEBUG, "revocation not checked (fail open): {0}", e.getMessage());
                return false;
            }
            throw e;
        }
    }
}
