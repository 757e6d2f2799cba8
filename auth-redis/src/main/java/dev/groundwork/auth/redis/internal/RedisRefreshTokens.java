package dev.groundwork.auth.redis.internal;

import dev.groundwork.auth.RefreshTokenStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Refresh tokens as hashes {@code ns:rt:<tokenHash>} (family, subject, scopes, expiry, used flag) that expire with
 * the token, and revoked families as keys {@code ns:rf:<familyId>}. A consumption reads the grant, then checks its
 * family, then marks the token used with a compare-and-set script on the token's own key: exactly one caller in the
 * fleet gets {@code First}, and a revoked family is seen before anything is marked. Every command touches one key,
 * so it runs unchanged on Redis Cluster.
 */
public final class RedisRefreshTokens implements RefreshTokenStore {

    private static final System.Logger LOG = System.getLogger("dev.groundwork.auth.redis");

    private static final String SAVE = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n"
            + "redis.call('HSET', KEYS[1], 'f', ARGV[1], 's', ARGV[2], 'c', ARGV[3], 'e', ARGV[4], 'u', '0')\n"
            + "redis.call('PEXPIREAT', KEYS[1], ARGV[4])\n"
            + "return 1";
    /** 1: first use, now marked; 0: used before; -1: gone, or another family's (the key was replaced). */
    private static final String MARK_USED = "local used = redis.call('HGET', KEYS[1], 'u')\n"
            + "if not used or redis.call('HGET', KEYS[1], 'f') ~= ARGV[1] then return -1 end\n"
            + "if used == '1' then return 0 end\n"
            + "redis.call('HSET', KEYS[1], 'u', '1')\n"
            + "return 1";
    /** Sets the family's revocation to last ARGV[1] ms, never shortening one already there. */
    private static final String REVOKE_FAMILY = "local left = redis.call('PTTL', KEYS[1])\n"
            + "if left == -2 or (left >= 0 and left < tonumber(ARGV[1])) then\n"
            + "  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])\n"
            + "end\n"
            + "return 1";

    private final Backend backend;

    public RedisRefreshTokens(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void save(String tokenHash, Grant grant) {
        String key = backend.key("rt", Objects.requireNonNull(tokenHash, "tokenHash"));
        Long saved = backend.call(
                "refresh token save",
                redis -> redis.<Long>eval(
                        SAVE,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        grant.familyId(),
                        grant.subject(),
                        Texts.encode(grant.scopes()),
                        Long.toString(grant.expiresAt().toEpochMilli())));
        if (saved == null || saved != 1) {
            throw new IllegalStateException("a refresh token with this hash is stored already");
        }
    }

    @Override
    public Consumption consume(String tokenHash) {
        String key = backend.key("rt", Objects.requireNonNull(tokenHash, "tokenHash"));
        Grant grant;
        try {
            grant = grant(key, backend.call("refresh token read", redis -> redis.hmget(key, "f", "s", "c", "e")));
        } catch (RedisCommandExecutionException e) {
            return unreadable(key, e.getMessage());
        }
        if (grant == null) {
            return new Consumption.Unknown();
        }
        String familyKey = backend.key("rf", grant.familyId());
        Long revoked = backend.call("refresh family check", redis -> redis.exists(familyKey));
        if (revoked != null && revoked > 0) {
            return new Consumption.FamilyRevoked(grant);
        }
        Long marked;
        try {
            marked = backend.call(
                    "refresh token use",
                    redis -> redis.<Long>eval(
                            MARK_USED, ScriptOutputType.INTEGER, new String[] {key}, grant.familyId()));
        } catch (RedisCommandExecutionException e) {
            return unreadable(key, e.getMessage());
        }
        if (marked == null || marked < 0) {
            return new Consumption.Unknown();
        }
        return marked == 1 ? new Consumption.First(grant) : new Consumption.Reused(grant);
    }

    @Override
    public void revokeFamily(String familyId, Instant until) {
        long ttl = backend.millisUntil(Objects.requireNonNull(until, "until"));
        if (ttl <= 0) {
            return;
        }
        String key = backend.key("rf", Objects.requireNonNull(familyId, "familyId"));
        backend.call(
                "refresh family revocation",
                redis -> redis.<Long>eval(
                        REVOKE_FAMILY, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(ttl)));
    }

    /** The grant stored under a key, or null when there is none or it is not one this store wrote. */
    private static @Nullable Grant grant(String key, List<KeyValue<String, String>> fields) {
        if (fields.size() != 4 || fields.stream().anyMatch(field -> !field.hasValue())) {
            return null;
        }
        List<String> scopes = Texts.decode(fields.get(2).getValue());
        Long expiresAt = Texts.number(fields.get(3).getValue());
        if (scopes == null || expiresAt == null) {
            LOG.log(System.Logger.Level.WARNING, "unreadable refresh token entry {0}: treated as unknown", key);
            return null;
        }
        return new Grant(fields.get(0).getValue(), fields.get(1).getValue(), scopes, Instant.ofEpochMilli(expiresAt));
    }

    private static Consumption unreadable(String key, @Nullable String why) {
        LOG.log(System.Logger.Level.WARNING, "unreadable refresh token entry {0} ({1}): treated as unknown", key, why);
        return new Consumption.Unknown();
    }
}
