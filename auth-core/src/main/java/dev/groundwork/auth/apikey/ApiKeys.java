package dev.groundwork.auth.apikey;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.auth.StoreUnavailableException;
import dev.groundwork.auth.internal.Base64Url;
import dev.groundwork.auth.internal.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * API keys for machine clients: {@code <prefix>_<id>_<secret>}, shown once at creation, stored as a SHA-256 hash of
 * the secret, checked in constant time.
 *
 * <p>The id (64 random bits, hex) finds the stored key without scanning; the secret (256 random bits, base64url)
 * proves possession. A fast hash is right here, unlike for passwords: a 256-bit random secret cannot be guessed, so
 * a slow KDF would only slow every request. The prefix makes leaked keys easy to spot in logs and by secret
 * scanners.
 *
 * <pre>{@code
 * ApiKeys apiKeys = ApiKeys.create("gw", ApiKeyStore.inMemory(), Clock.systemUTC());
 * ApiKeys.Created created = apiKeys.create("billing-service", List.of("invoices:read"), null);
 * show(created.key()); // once; only its hash is kept
 * if (apiKeys.check(request.header("X-Api-Key")) instanceof ApiKeyOutcome.Valid valid) {
 *     serve(valid.owner(), valid.scopes());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ApiKeys {
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;
    private static final int MAX_KEY_LENGTH = 128;

    private final SecureRandom random = new SecureRandom();
    private final String prefix;
    private final ApiKeyStore store;
    private final Clock clock;

    private ApiKeys(String prefix, ApiKeyStore store, Clock clock) {
        this.prefix = prefix;
        this.store = store;
        this.clock = clock;
    }

    /**
     * An API key service.
     *
     * @param prefix 2 to 16 lowercase letters or digits, such as {@code gw}
     * @param store where keys are kept
     * @param clock the clock expiries are checked against
     * @return the service
     * @throws IllegalArgumentException when the prefix is not of that form
     */
    public static ApiKeys create(String prefix, ApiKeyStore store, Clock clock) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[a-z0-9]{2,16}")) {
            throw new IllegalArgumentException("prefix must be 2 to 16 lowercase letters or digits: " + prefix);
        }
        return new ApiKeys(prefix, Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * A newly created key: the only time its full text exists.
     *
     * @param key the full key, to show the client once
     * @param id its public id, to list or revoke it later
     */
    public record Created(String key, String id) {
        @Override
        public String toString() {
            return "Created[id=" + id + "]";
        }
    }

    /**
     * Creates a key.
     *
     * @param owner who it belongs to
     * @param scopes what it may do
     * @param expiresAt when it stops working, or null for never
     * @return the key text (show it once) and its id
     */
    public Created create(String owner, Collection<String> scopes, @Nullable Instant expiresAt) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiry must be in the future: " + expiresAt);
        }
        byte[] idBytes = new byte[ID_BYTES];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String secretText = Base64Url.encode(secret);
        store.save(new ApiKeyStore.StoredKey(
                id, Sha256.of(secretText), owner, List.copyOf(scopes), now, expiresAt, false));
        return new Created(prefix + "_" + id + "_" + secretText, id);
    }

    /**
     * Checks a presented key.
     *
     * @param presented the key as sent by the client; any string, null included
     * @return {@link ApiKeyOutcome.Valid} or {@link ApiKeyOutcome.Rejected}; never an exception
     */
    @CheckReturnValue
    public ApiKeyOutcome check(@Nullable String presented) {
        if (presented == null || presented.length() > MAX_KEY_LENGTH || !presented.startsWith(prefix + "_")) {
            return new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.MALFORMED);
        }
        int idStart = prefix.length() + 1;
        int idEnd = idStart + ID_BYTES * 2;
        if (presented.length() <= idEnd + 1 || presented.charAt(idEnd) != '_') {
            return new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.MALFORMED);
        }
        String id = presented.substring(idStart, idEnd);
        String secret = presented.substring(idEnd + 1);
        if (!id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                || Base64Url.decode(secret, 0, secret.length()) == null) {
            return new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.MALFORMED);
        }
        Optional<ApiKeyStore.StoredKey> stored;
        try {
            stored = store.find(id);
        } catch (StoreUnavailableException e) {
            return new ApiKeyOutcome.Unavailable(String.valueOf(e.getMessage()));
        }
        // Hash even when the id is unknown, so both answers cost the same.
        byte[] presentedHash = Sha256.of(secret);
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().secretHash(), presentedHash)) {
            return new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.UNKNOWN);
        }
        ApiKeyStore.StoredKey key = stored.get();
        if (key.revoked()) {
            return new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.REVOKED);
        }
        Instant expiresAt = key.expiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            return new ApiKeyOutcome.Rejected(ApiKeyOutcome.Reason.EXPIRED);
        }
        return new ApiKeyOutcome.Valid(key.id(), key.owner(), key.scopes());
    }

    /**
     * Revokes a key.
     *
     * @param id the key's id
     * @return true when the key existed
     */
    public boolean revoke(String id) {
        return store.revoke(Objects.requireNonNull(id, "id"));
    }
}
