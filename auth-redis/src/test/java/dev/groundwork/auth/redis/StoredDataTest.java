package dev.groundwork.auth.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.auth.RefreshTokenStore;
import dev.groundwork.auth.RefreshTokenStore.Consumption;
import dev.groundwork.auth.RefreshTokenStore.Grant;
import dev.groundwork.auth.RevocationList;
import dev.groundwork.auth.apikey.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the stores leave in Redis: entries that expire when they stop mattering (so memory is bounded by live
 * tokens), a family revocation that is never shortened, and entries someone else wrote or damaged read as unknown,
 * never as an error or a pass. Also the builder's refusals.
 */
class StoredDataTest extends SharedRedisTest {

    @Test
    void revocationsAndRefreshTokensExpireWithTheirTokens() {
        RedisAuth stores = instance(first);
        Instant in5Minutes = Instant.now().plus(Duration.ofMinutes(5));
        stores.revocationList().revoke("jti-1", in5Minutes);
        assertThat(admin.pttl("auth:rv:jti-1")).isBetween(Duration.ofMinutes(4).toMillis(), 300_000L);

        stores.refreshTokenStore().save("hash-1", new Grant("fam-1", "alice", List.of("a"), in5Minutes));
        assertThat(admin.pttl("auth:rt:hash-1")).isBetween(Duration.ofMinutes(4).toMillis(), 300_000L);

        stores.revocationList().revoke("jti-old", Instant.now().minusSeconds(1));
        assertThat(admin.exists("auth:rv:jti-old"))
                .as("nothing kept for an expired token")
                .isZero();
    }

    @Test
    void aFamilyRevocationIsExtendedButNeverShortened() {
        RefreshTokenStore store = instance(first).refreshTokenStore();
        store.revokeFamily("fam", Instant.now().plus(Duration.ofHours(2)));
        store.revokeFamily("fam", Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(admin.pttl("auth:rf:fam"))
                .isGreaterThan(Duration.ofMinutes(90).toMillis());
        store.revokeFamily("fam", Instant.now().plus(Duration.ofHours(3)));
        assertThat(admin.pttl("auth:rf:fam"))
                .isGreaterThan(Duration.ofMinutes(150).toMillis());
    }

    @Test
    void damagedOrForeignEntriesReadAsUnknown() {
        RedisAuth stores = instance(first);
        RefreshTokenStore refresh = stores.refreshTokenStore();
        admin.set("auth:rt:string", "not a hash");
        assertThat(refresh.consume("string")).isEqualTo(new Consumption.Unknown());
        admin.hset("auth:rt:partial", "f", "fam");
        assertThat(refresh.consume("partial")).isEqualTo(new Consumption.Unknown());
        admin.hset("auth:rt:bad-scopes", java.util.Map.of("f", "fam", "s", "x", "c", "9:short", "e", "1", "u", "0"));
        assertThat(refresh.consume("bad-scopes")).isEqualTo(new Consumption.Unknown());
        admin.hset("auth:rt:bad-expiry", java.util.Map.of("f", "fam", "s", "x", "c", "", "e", "soon", "u", "0"));
        assertThat(refresh.consume("bad-expiry")).isEqualTo(new Consumption.Unknown());

        ApiKeyStore keys = stores.apiKeyStore();
        admin.set("auth:ak:string", "x");
        assertThat(keys.find("string")).isEmpty();
        admin.hset("auth:ak:bad-hash", java.util.Map.of("h", "%%%", "o", "o", "c", "", "t", "1", "x", "-", "r", "0"));
        assertThat(keys.find("bad-hash")).isEmpty();
        admin.hset("auth:ak:odd-flag", java.util.Map.of("h", "AAAA", "o", "o", "c", "", "t", "1", "x", "-", "r", "?"));
        assertThat(keys.find("odd-flag").orElseThrow().revoked())
                .as("anything but 0 counts as revoked")
                .isTrue();

        RevocationList revocations = stores.revocationList();
        admin.hset("auth:rv:hash-typed", "x", "y");
        assertThat(revocations.isRevoked("hash-typed"))
                .as("a key in the revocation space is a revocation, whatever its type")
                .isTrue();
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        var commands = first.async();
        for (String namespace : List.of("", " ", "a b", "a\nb", "x".repeat(101), "a*", "ä")) {
            assertThatThrownBy(() -> RedisAuth.builder(commands, namespace))
                    .as(namespace)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        RedisAuth.Builder builder = RedisAuth.builder(commands, "{auth}:v1");
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(11))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.retryInterval(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.retryInterval(Duration.ofNanos(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.failuresToOpen(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.failuresToOpen(101)).isInstanceOf(IllegalArgumentException.class);
        RedisAuth stores = builder.build();
        stores.revocationList().revoke("j", Instant.now().plusSeconds(60));
        assertThat(admin.exists("{auth}:v1:rv:j"))
                .as("the namespace prefixes every key")
                .isEqualTo(1);
    }
}
