package dev.groundwork.auth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.RevocationList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RevocationList} must do; run against the in-memory list here and against every other
 * implementation in its module (the test jar carries it).
 */
public abstract class RevocationListContract {

    /** The list under test. */
    protected abstract RevocationList list();

    /** A second handle on the same data, as another instance of the service has; the same list by default. */
    protected RevocationList otherInstance() {
        return list();
    }

    /** When revoked tokens in these tests expire (an hour from now by default). */
    protected Instant later() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void aRevokedIdIsRevokedEverywhereAndNoOtherIs() {
        String jti = UUID.randomUUID().toString();
        assertThat(list().isRevoked(jti)).isFalse();
        list().revoke(jti, later());
        assertThat(list().isRevoked(jti)).isTrue();
        assertThat(otherInstance().isRevoked(jti)).isTrue();
        assertThat(otherInstance().isRevoked(jti + "x")).isFalse();
        assertThat(otherInstance().isRevoked(jti.substring(1))).isFalse();
    }

    @Test
    void anyIdTextIsItsOwnEntry() {
        List<String> ids =
                List.of("a", "a b", "a:b", "{a}", "a\nb", "\u0000", "ü→λ", "*", "?", "[a]", "x".repeat(10_000), "");
        for (String id : ids) {
            String unique = id + UUID.randomUUID();
            list().revoke(unique, later());
            assertThat(otherInstance().isRevoked(unique)).as(id).isTrue();
        }
        assertThat(otherInstance().isRevoked("*")).as("no pattern matching").isFalse();
        assertThat(otherInstance().isRevoked("?")).isFalse();
    }

    @Test
    void revokingAgainOrAfterExpiryIsHarmless() {
        String jti = UUID.randomUUID().toString();
        list().revoke(jti, later());
        list().revoke(jti, later().plusSeconds(60));
        assertThat(list().isRevoked(jti)).isTrue();
        String expired = UUID.randomUUID().toString();
        list().revoke(expired, Instant.now().minusSeconds(60));
        assertThat(otherInstance().isRevoked(expired))
                .as("a token past its expiry is refused by its exp anyway; the list need not keep it")
                .isFalse();
    }
}
