package dev.groundwork.auth.redis.internal;

import dev.groundwork.auth.apikey.ApiKeyStore;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys as hashes {@code ns:ak:<id>}: secret hash, owner, scopes, creation, expiry and revoked flag. Kept until
 * deleted, like rows in a table: an expired key must still answer "expired", not "unknown".
 */
public final class RedisApiKeys implements ApiKeyStore {

    private static final System.Logger LOG = System.getLogger("dev.groundwork.auth.redis");

    private static final String SAVE = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end\n"
            + "redis.call('HSET', KEYS[1], 'h', ARGV[1], 'o', ARGV[2], 'c', ARGV[3], 't', ARGV[4], 'x', ARGV[5],"
            + " 'r', ARGV[6])\n"
            + "return 1";
    private static final String REVOKE = "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end\n"
            + "redis.call('HSET', KEYS[1], 'r', '1')\n"
            + "return 1";
    private static final String NEVER = "-";

    private final Backend backend;

    public RedisApiKeys(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void save(StoredKey key) {
        String redisKey = backend.key("ak", key.id());
        Instant expiresAt = key.expiresAt();
        Long saved = backend.call(
                "API key save",
                redis -> redis.<Long>eval(
                        SAVE,
                        ScriptOutputType.INTEGER,
                        new String[] {redisKey},
                        Base64.getEncoder().encodeToString(key.secretHash()),
                        key.owner(),
                        Texts.encode(key.scopes()),
                        Long.toString(key.createdAt().toEpochMilli()),
                        expiresAt == null ? NEVER : Long.toString(expiresAt.toEpochMilli()),
                        key.revoked() ? "1" : "0"));
        if (saved == null || saved != 1) {
            throw new IllegalStateException("API key id collision: " + key.id());
        }
    }

    @Override
    public Optional<StoredKey> find(String id) {
        String key = backend.key("ak", Objects.requireNonNull(id, "id"));
        Map<String, String> fields;
        try {
            fields = backend.call("API key read", redis -> redis.hgetall(key));
        } catch (RedisCommandExecutionException e) {
            return unreadable(key);
        }
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] hash = Base64.getDecoder().decode(Objects.requireNonNull(fields.get("h")));
            List<String> scopes = Texts.decode(Objects.requireNonNull(fields.get("c")));
            Long createdAt = Texts.number(fields.get("t"));
            String expiry = Objects.requireNonNull(fields.get("x"));
            Long expiresAt = expiry.equals(NEVER) ? null : Texts.number(expiry);
            String revoked = Objects.requireNonNull(fields.get("r"));
            if (scopes == null || createdAt == null || (expiresAt == null && !expiry.equals(NEVER))) {
                return unreadable(key);
            }
            return Optional.of(new StoredKey(
                    id,
                    hash,
                    Objects.requireNonNull(fields.get("o")),
                    scopes,
                    Instant.ofEpochMilli(createdAt),
                    expiresAt == null ? null : Instant.ofEpochMilli(expiresAt),
                    !revoked.equals("0")));
        } catch (NullPointerException | IllegalArgumentException | java.time.DateTimeException e) {
            return unreadable(key);
        }
    }

    @Override
    public boolean revoke(String id) {
        String key = backend.key("ak", Objects.requireNonNull(id, "id"));
        Long revoked = backend.call(
                "API key revocation", redis -> redis.<Long>eval(REVOKE, ScriptOutputType.INTEGER, new String[] {key}));
        return revoked != null && revoked == 1;
    }

    private static Optional<StoredKey> unreadable(String key) {
        LOG.log(System.Logger.Level.WARNING, "unreadable API key entry {0}: treated as unknown", key);
        return Optional.empty();
    }
}
