package dev.groundwork.auth.redis.internal;

import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.StoreUnavailableException;
import io.lettuce.core.SetArgs;
import java.time.Instant;
import java.util.Objects;

/** Revoked token ids as keys that expire with their tokens: {@code ns:rv:<jti>}. */
public final class RedisRevocations implements RevocationList {

    private static final System.Logger LOG = System.getLogger("dev.groundwork.auth.redis");

    private final Backend backend;
    private final boolean failOpen;

    public RedisRevocations(Backend backend, boolean failOpen) {
        this.backend = backend;
        this.failOpen = failOpen;
    }

    @Override
    public void revoke(String jwtId, Instant expiresAt) {
        Objects.requireNonNull(jwtId, "jwtId");
        long ttl = backend.millisUntil(Objects.requireNonNull(expiresAt, "expiresAt"));
        if (ttl <= 0) {
            return; // the token's exp refuses it already
        }
        String key = backend.key("rv", jwtId);
        backend.call("revocation", redis -> redis.set(key, "1", SetArgs.Builder.px(ttl)));
    }

    @Override
    public boolean isRevoked(String jwtId) {
        String key = backend.key("rv", jwtId);
        try {
            Long found = backend.call("revocation check", redis -> redis.exists(key));
            return found != null && found > 0;
        } catch (StoreUnavailableException e) {
            if (failOpen) {
                LOG.log(System.Logger.Level.DEBUG, "revocation not checked (fail open): {0}", e.getMessage());
                return false;
            }
            throw e;
        }
    }
}
