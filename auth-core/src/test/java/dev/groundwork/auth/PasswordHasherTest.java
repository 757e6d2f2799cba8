package dev.groundwork.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.auth.password.PasswordHasher;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    // A low cost keeps the suite fast; the default's cost is checked once below.
    private final PasswordHasher hasher = PasswordHasher.withIterations(10_000);

    @Test
    void hashesToAPhcStringThatVerifies() {
        String stored = hasher.hash("correct horse".toCharArray());

        assertThat(stored).matches("\\$pbkdf2-sha256\\$i=10000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("correct horse".toCharArray(), stored))
                .isEqualTo(new PasswordHasher.Match(true, false));
        assertThat(hasher.verify("correct horsE".toCharArray(), stored).matches())
                .isFalse();
        assertThat(hasher.hash("correct horse".toCharArray())).isNotEqualTo(stored);
    }

    @Test
    void detectsHashesThatNeedRehashing() {
        String weak = hasher.hash("pw".toCharArray());
        PasswordHasher stronger = PasswordHasher.withIterations(20_000);

        assertThat(stronger.verify("pw".toCharArray(), weak)).isEqualTo(new PasswordHasher.Match(true, true));
        assertThat(stronger.verify("nope".toCharArray(), weak)).isEqualTo(new PasswordHasher.Match(false, true));
    }

    @Test
    void defaultUsesTheOwaspCost() {
        PasswordHasher owasp = PasswordHasher.owaspDefault();
        String stored = owasp.hash("pw".toCharArray());

        assertThat(stored).startsWith("$pbkdf2-sha256$i=600000$");
        assertThat(owasp.verify("pw".toCharArray(), stored).matches()).isTrue();
    }

    @Test
    void emptyNullOrHugeAttemptsNeverMatch() {
        String stored = hasher.hash("pw".toCharArray());

        assertThat(hasher.verify(null, stored).matches()).isFalse();
        assertThat(hasher.verify(new char[0], stored).matches()).isFalse();
        assertThat(hasher.verify(new char[100_000], stored).matches()).isFalse();
    }

    @Test
    void refusesMalformedStoredHashesAndBadArguments() {
        String[] malformed = {
            "",
            "plain",
            "$2a$10$abcdefghijklmnopqrstuv",
            "$pbkdf2-sha256$i=10000$salt",
            "$pbkdf2-sha256$x=1$AAAA$AAAA",
            "$pbkdf2-sha256$i=abc$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=2000000000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=10000$!!!!$AAAA",
            "$pbkdf2-sha256$i=10000$AAAA$AAAA"
        };
        for (String stored : malformed) {
            assertThatThrownBy(() -> hasher.verify("pw".toCharArray(), stored))
                    .as(stored)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> hasher.hash(new char[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHasher.withIterations(999)).isInstanceOf(IllegalArgumentException.class);
    }
}
