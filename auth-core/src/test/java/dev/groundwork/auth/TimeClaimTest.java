package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.CLOCK;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.internal.Times;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10.2: time claims at the edges of every range involved get the documented reason, never the catch-all.
 * Each case runs with and without the verified-token cache (whose expiry is computed from {@code exp}) and with
 * the largest clock skew (the widest sums).
 */
class TimeClaimTest {
    private static final SecretKey SECRET = TestTokens.secret(32);
    private static final long VALID_EXP = epoch(NOW.plusSeconds(300));

    private static JwtVerifier verifier(boolean cached) {
        JwtVerifier.Builder builder = JwtVerifier.builder()
                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.HS256)
                .clockSkew(JwtVerifier.MAX_CLOCK_SKEW)
                .clock(CLOCK);
        return cached ? builder.cacheVerified(100).build() : builder.build();
    }

    private static String token(String timeClaims) {
        return sign(
                JwsAlgorithm.HS256,
                SECRET,
                "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"alice\"," + timeClaims + "}");
    }

    private static void assertOutcome(String timeClaims, String expected) {
        for (boolean cached : new boolean[] {false, true}) {
            JwtVerifier verifier = verifier(cached);
            String token = token(timeClaims);
            // Twice: with the cache, the second is a hit whose time checks run again.
            for (int round = 0; round < 2; round++) {
                VerificationOutcome outcome = verifier.verify(token);
                String actual = outcome instanceof VerificationOutcome.Rejected rejected
                        ? rejected.reason().name()
                        : "VERIFIED";
                assertThat(actual)
                        .as("%s (cached=%s, round %s)", timeClaims, cached, round)
                        .isEqualTo(expected);
                if (outcome instanceof VerificationOutcome.Rejected rejected) {
                    assertThat(rejected.detail()).doesNotStartWith(JwtVerifier.UNEXPECTED_FAILURE);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "31556889864403199", // Instant.MAX's second: the input the outside suite sent
                "31556889864403198",
                "31556889864403198.999999999",
                "31556889864403200", // beyond Instant
                "-31557014167219200", // Instant.MIN's second
                "9223372036854775807",
                "-9223372036854775808",
                "1e19",
                "1e308",
                "-1",
                "-0.5",
                "253402300800" // 10000-01-01T00:00:00Z, one second past the accepted range
            })
    void timeClaimsOutsideTheAcceptedRangeAreInvalidClaims(String value) {
        assertOutcome("\"exp\":" + value, "INVALID_CLAIM");
        assertOutcome("\"exp\":" + VALID_EXP + ",\"nbf\":" + value, "INVALID_CLAIM");
        assertOutcome("\"exp\":" + VALID_EXP + ",\"iat\":" + value, "INVALID_CLAIM");
    }

    @ParameterizedTest
    @CsvSource({
        "\"exp\":253402300799, VERIFIED",
        "\"exp\":253402300799.999, VERIFIED",
        "\"exp\":0, EXPIRED",
        "\"exp\":0.000000001, EXPIRED",
        "'\"exp\":253402300799,\"nbf\":253402300799', NOT_YET_VALID",
        "'\"exp\":253402300799,\"iat\":253402300799', ISSUED_IN_FUTURE",
        "'\"exp\":253402300799,\"nbf\":0,\"iat\":0', VERIFIED"
    })
    void timeClaimsAtTheEdgesOfTheAcceptedRangeAreCheckedNormally(String timeClaims, String expected) {
        assertOutcome(timeClaims, expected);
    }

    @Test
    void theSkewBoundaryIsExactAtBothEnds() {
        long skew = JwtVerifier.MAX_CLOCK_SKEW.toSeconds();
        assertOutcome("\"exp\":" + (epoch(NOW) - skew + 1), "VERIFIED");
        assertOutcome("\"exp\":" + (epoch(NOW) - skew), "EXPIRED");
        assertOutcome("\"exp\":" + VALID_EXP + ",\"nbf\":" + (epoch(NOW) + skew), "VERIFIED");
        assertOutcome("\"exp\":" + VALID_EXP + ",\"nbf\":" + (epoch(NOW) + skew + 1), "NOT_YET_VALID");
    }

    @Test
    void timeArithmeticSaturatesInsteadOfThrowing() {
        Duration skew = Duration.ofMinutes(5);
        assertThat(Times.plus(Instant.MAX, skew)).isEqualTo(Instant.MAX);
        assertThat(Times.plus(Instant.MAX.minusSeconds(1), skew)).isEqualTo(Instant.MAX);
        assertThat(Times.plus(Instant.MIN, skew.negated())).isEqualTo(Instant.MIN);
        assertThat(Times.minus(Instant.MIN, skew)).isEqualTo(Instant.MIN);
        assertThat(Times.minus(Instant.MAX, Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Instant.MAX);
        assertThat(Times.plus(Instant.EPOCH, Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(Instant.MAX);
        assertThat(Times.plus(Instant.EPOCH, Duration.ofSeconds(Long.MIN_VALUE)))
                .isEqualTo(Instant.MIN);
        assertThat(Times.plus(Instant.MAX.minusNanos(1), Duration.ofNanos(1))).isEqualTo(Instant.MAX);
        assertThat(Times.plus(Instant.MAX.minusNanos(1), Duration.ofNanos(2))).isEqualTo(Instant.MAX);
        assertThat(Times.plus(Instant.MIN, Duration.ofNanos(-1))).isEqualTo(Instant.MIN);
        assertThat(Times.plus(Instant.MIN.plusNanos(5), Duration.ofNanos(-3))).isEqualTo(Instant.MIN.plusNanos(2));
        assertThat(Times.plus(NOW, skew)).isEqualTo(NOW.plus(skew));
        assertThat(Times.minus(NOW, skew)).isEqualTo(NOW.minus(skew));
    }
}
