package dev.groundwork.auth.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.apikey.ApiKeyStore.StoredKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApiKeyStore} must do; run against the in-memory store here and against every other
 * implementation in its module (the test jar carries it).
 */
public abstract class ApiKeyStoreContract {

    /** The store under test. */
    protected abstract ApiKeyStore store();

    /** A second handle on the same data, as another instance of the service has; the same store by default. */
    protected ApiKeyStore otherInstance() {
        return store();
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static StoredKey key(String id, List<String> scopes, Instant expiresAt) {
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) (i * 37 - 128);
        }
        return new StoredKey(
                id,
                hash,
                "owner of " + id + " :{}\n",
                scopes,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                expiresAt,
                false);
    }

    private static void assertSame(StoredKey actual, StoredKey expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.secretHash()).isEqualTo(expected.secretHash());
        assertThat(actual.owner()).isEqualTo(expected.owner());
        assertThat(actual.scopes()).isEqualTo(expected.scopes());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.expiresAt()).isEqualTo(expected.expiresAt());
        assertThat(actual.revoked()).isEqualTo(expected.revoked());
    }

    @Test
    void aSavedKeyIsFoundEverywhereWithEveryField() {
        StoredKey forever = key(id(), List.of("a", "b c", "ü"), null);
        StoredKey expiring =
                key(id(), List.of(), Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS));
        store().save(forever);
        store().save(expiring);
        assertSame(otherInstance().find(forever.id()).orElseThrow(), forever);
        assertSame(otherInstance().find(expiring.id()).orElseThrow(), expiring);
        assertThat(otherInstance().find(id())).isEmpty();
    }

    @Test
    void anIdIsSavedOnce() {
        StoredKey key = key(id(), List.of("x"), null);
        store().save(key);
        assertThatThrownBy(() -> otherInstance().save(key(key.id(), List.of("y"), null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store().find(key.id()).orElseThrow().scopes()).containsExactly("x");
    }

    @Test
    void revokingMarksTheKeyEverywhere() {
        StoredKey key = key(id(), List.of("x"), null);
        store().save(key);
        assertThat(otherInstance().revoke(key.id())).isTrue();
        assertThat(store().find(key.id()).orElseThrow().revoked()).isTrue();
        assertThat(store().revoke(id())).as("unknown id").isFalse();
        assertThat(store().find(id())).isEmpty();
    }
}
