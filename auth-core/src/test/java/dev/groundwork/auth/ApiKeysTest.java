package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.auth.apikey.ApiKeyOutcome;
import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.apikey.ApiKeys;
import dev.groundwork.testing.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final TestClock clock = TestClock.at(NOW);
    private final ApiKeyStore store = ApiKeyStore.inMemory();
    private final ApiKeys apiKeys = ApiKeys.create("gw", store, clock);

    private static ApiKeyOutcome.Reason reason(ApiKeyOutcome check) {
        assertThat(check).isInstanceOf(ApiKeyOutcome.Rejected.class);
        return ((ApiKeyOutcome.Rejected) check).reason();
    }

    @Test
    void createdKeysCheckAndOnlyTheirHashIsStored() throws java.security.NoSuchAlgorithmException {
        ApiKeys.Created created = apiKeys.create("billing-service", List.of("invoices:read"), null);

        assertThat(created.key()).matches("gw_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(apiKeys.check(created.key()))
                .isEqualTo(new ApiKeyOutcome.Valid(created.id(), "billing-service", List.of("invoices:read")));
        ApiKeyStore.StoredKey stored = store.find(created.id()).orElseThrow();
        String secret = created.key().substring("gw_".length() + 16 + 1);
        assertThat(stored.secretHash())
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(stored.secretHash()).hasSize(32);
        assertThat(created.toString()).doesNotContain(created.key());
    }

    @Test
    void wrongSecretsUnknownIdsAndOtherPrefixesAreRefused() {
        ApiKeys.Created created = apiKeys.create("svc", List.of(), null);
        String key = created.key();
        String flipped = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        assertThat(reason(apiKeys.check(flipped))).isIn(ApiKeyOutcome.Reason.UNKNOWN, ApiKeyOutcome.Reason.MALFORMED);
        assertThat(reason(apiKeys.check(key.replace(created.id(), "0123456789abcdef"))))
                .isEqualTo(ApiKeyOutcome.Reason.UNKNOWN);
        assertThat(reason(apiKeys.check("xx" + key.substring(2)))).isEqualTo(ApiKeyOutcome.Reason.MALFORMED);
        for (String hostile : new String[] {
            null,
            "",
            "gw",
            "gw_",
            "gw__",
            "gw_0123_abc",
            "gw_ZZZZZZZZZZZZZZZZ_abc",
            "gw_0123456789abcdef_",
            "gw_0123456789abcdef_a b",
            "gw_0123456789abcdef_" + "A".repeat(500),
            "' OR 1=1--"
        }) {
            assertThat(apiKeys.check(hostile)).as(String.valueOf(hostile)).isInstanceOf(ApiKeyOutcome.Rejected.class);
        }
    }

    @Test
    void expiryAndRevocationApply() {
        ApiKeys.Created expiring = apiKeys.create("svc", List.of(), NOW.plus(Duration.ofDays(1)));
        ApiKeys.Created revoked = apiKeys.create("svc", List.of(), null);

        assertThat(apiKeys.check(expiring.key())).isInstanceOf(ApiKeyOutcome.Valid.class);
        clock.advance(Duration.ofDays(1));
        assertThat(reason(apiKeys.check(expiring.key()))).isEqualTo(ApiKeyOutcome.Reason.EXPIRED);

        assertThat(apiKeys.revoke(revoked.id())).isTrue();
        assertThat(reason(apiKeys.check(revoked.key()))).isEqualTo(ApiKeyOutcome.Reason.REVOKED);
        assertThat(apiKeys.revoke("0000000000000000")).isFalse();
    }

    @Test
    void refusesBadConfigurationAndArguments() {
        assertThatThrownBy(() -> ApiKeys.create("GW", store, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeys.create("g_w", store, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeys.create("g", store, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> apiKeys.create(" ", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> apiKeys.create("svc", List.of(), NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
