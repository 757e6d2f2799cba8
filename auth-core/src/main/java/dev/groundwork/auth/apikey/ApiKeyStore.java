package dev.groundwork.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link ApiKeys} keeps API keys: their public id, the SHA-256 of their secret (never the secret), owner,
 * scopes, expiry and revocation. Implement it over a database for real use; implementations must be thread-safe.
 * One that cannot answer throws {@link dev.groundwork.auth.StoreUnavailableException}; {@link ApiKeys#check} then
 * answers {@link ApiKeyOutcome.Unavailable}.
 */
public interface ApiKeyStore {

    /**
     * A stored API key.
     *
     * @param id the public part of the key
     * @param secretHash SHA-256 of the secret part
     * @param owner who the key belongs to (a service, a user)
     * @param scopes what it may do
     * @param createdAt when it was issued
     * @param expiresAt when it stops working, or null for never
     * @param revoked whether it has been revoked
     */
    record StoredKey(
            String id,
            byte[] secretHash,
            String owner,
            List<String> scopes,
            Instant createdAt,
            @Nullable Instant expiresAt,
            boolean revoked) {
        /**
         * Checks and copies the components.
         *
         * @param id the public part
         * @param secretHash the secret's hash
         * @param owner the owner
         * @param scopes the scopes
         * @param createdAt the creation time
         * @param expiresAt the expiry, or null
         * @param revoked whether revoked
         */
        public StoredKey {
            Objects.requireNonNull(id, "id");
            secretHash = secretHash.clone();
            Objects.requireNonNull(owner, "owner");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /**
         * The secret's hash, as a copy (records share their arrays otherwise).
         *
         * @return SHA-256 of the secret part
         */
        @Override
        public byte[] secretHash() {
            return secretHash.clone();
        }
    }

    /**
     * Stores a new key.
     *
     * @param key the key
     */
    void save(StoredKey key);

    /**
     * Finds a key by its public id.
     *
     * @param id the id
     * @return the key, if stored
     */
    Optional<StoredKey> find(String id);

    /**
     * Marks a key revoked.
     *
     * @param id the id
     * @return true when the key existed
     */
    boolean revoke(String id);

    /**
     * A store in this process's memory, for tests and single-instance services.
     *
     * @return the store
     */
    static ApiKeyStore inMemory() {
        ConcurrentMap<String, StoredKey> keys = new ConcurrentHashMap<>();
        return new ApiKeyStore() {
            @Override
            public void save(StoredKey key) {
                if (keys.putIfAbsent(key.id(), key) != null) {
                    throw new IllegalStateException("API key id collision: " + key.id());
                }
            }

            @Override
            public Optional<StoredKey> find(String id) {
                return Optional.ofNullable(keys.get(id));
            }

            @Override
            public boolean revoke(String id) {
                return keys.computeIfPresent(
                                id,
                                (k, v) -> new StoredKey(
                                        v.id(),
                                        v.secretHash(),
                                        v.owner(),
                                        v.scopes(),
                                        v.createdAt(),
                                        v.expiresAt(),
                                        true))
                        != null;
            }
        };
    }
}
