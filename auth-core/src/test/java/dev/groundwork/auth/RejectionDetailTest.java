package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.CLOCK;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * Issue 10.5: a rejection's detail never repeats a value taken from the token. Tokens are built to reach every
 * rejection reason a token can cause, each carrying distinctive values in every claim and header member; the
 * detail of each rejection is searched for every value of its token (strings, numbers as written, and time
 * claims as the instants they denote). Configured values (the trusted issuer, audience, algorithms) may appear.
 */
class RejectionDetailTest {
    private static final SecretKey SECRET = TestTokens.secret(32);
    private static final RevocationList REVOKED = RevocationList.inMemory(CLOCK, 10);

    static {
        REVOKED.revoke("jti-marker-revoked-8c1d", NOW.plusSeconds(3600));
    }

    private final JwtVerifier verifier = JwtVerifier.builder()
            .issuer(ISSUER, KeySource.hmacSecret("kid-trusted", JwsAlgorithm.HS256, SECRET.getEncoded()))
            .audience(AUDIENCE)
            .algorithms(JwsAlgorithm.HS256)
            .types("JWT", "at+jwt")
            .requireClaims("jti")
            .rule(ClaimRule.of(
                    "tenant is acme",
                    t -> t.claim("tenant", String.class).filter("acme"::equals).isPresent()))
            .revocation(REVOKED)
            .clock(CLOCK)
            .build();

    private static final long PAST = epoch(NOW) - 98_765;
    private static final long FUTURE = epoch(NOW) + 87_654;
    private static final long VALID_EXP = epoch(NOW) + 3_333;

    private static String payload(String iss, String aud, String times, String more) {
        return "{\"iss\":" + iss + ",\"aud\":" + aud + "," + times
                + ",\"sub\":\"sub-marker-41af\",\"jti\":\"jti-marker-77b2\",\"tenant\":\"acme\""
                + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private static String good(String times) {
        return payload("\"" + ISSUER + "\"", "\"" + AUDIENCE + "\"", times, "");
    }

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"kid-trusted\"}";

    @Test
    void noDetailRepeatsAValueFromItsToken() {
        List<String> tokens = new ArrayList<>();
        String exp = "\"exp\":" + VALID_EXP;
        // Time checks: the values the outside suite found repeated.
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good("\"exp\":" + PAST)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good("\"exp\":" + PAST + ".25")));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good(exp + ",\"nbf\":" + FUTURE)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good(exp + ",\"iat\":" + FUTURE)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good("\"exp\":\"exp-marker-string\"")));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good("\"exp\":31556889864403199")));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good(exp + ",\"nbf\":[\"nbf-marker\"]")));
        // Issuer, audience, type, key, algorithm, crit.
        tokens.add(sign(
                JwsAlgorithm.HS256,
                SECRET,
                HEADER,
                payload("\"https://iss-marker.example\"", "\"" + AUDIENCE + "\"", exp, "")));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, payload("12345678901", "\"aud\"", exp, "")));
        tokens.add(
                sign(JwsAlgorithm.HS256, SECRET, HEADER, payload("\"" + ISSUER + "\"", "\"aud-marker-5e0\"", exp, "")));
        tokens.add(sign(
                JwsAlgorithm.HS256,
                SECRET,
                HEADER,
                payload("\"" + ISSUER + "\"", "[\"aud-marker-a\",{\"x\":\"aud-marker-b\"}]", exp, "")));
        tokens.add(sign(
                JwsAlgorithm.HS256,
                SECRET,
                "{\"alg\":\"HS256\",\"typ\":\"typ-marker-3b\",\"kid\":\"kid-trusted\"}",
                good(exp)));
        tokens.add(sign(
                JwsAlgorithm.HS256,
                SECRET,
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"kid-marker-9e2\"}",
                good(exp)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"HS256\",\"kid\":987654321}", good(exp)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"HS256\",\"typ\":555444333}", good(exp)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"ALG-MARKER\"}", good(exp)));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"HS256\",\"crit\":[\"crit-marker\"]}", good(exp)));
        tokens.add(sign(JwsAlgorithm.HS256, TestTokens.secret(48), HEADER, good(exp)));
        // Claims: types, required, rules, revocation.
        tokens.add(sign(
                JwsAlgorithm.HS256,
                SECRET,
                HEADER,
                payload("\"" + ISSUER + "\"", "\"" + AUDIENCE + "\"", exp, "\"sub\":424242424")
                        .replace("\"sub\":\"sub-marker-41af\",", "")));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good(exp).replace("\"jti\":\"jti-marker-77b2\",", "")));
        tokens.add(sign(JwsAlgorithm.HS256, SECRET, HEADER, good(exp).replace("\"acme\"", "\"tenant-marker-e7\"")));
        tokens.add(sign(
                JwsAlgorithm.HS256, SECRET, HEADER, good(exp).replace("jti-marker-77b2", "jti-marker-revoked-8c1d")));

        Set<VerificationOutcome.Reason> reached = EnumSet.noneOf(VerificationOutcome.Reason.class);
        for (String token : tokens) {
            VerificationOutcome outcome = verifier.verify(token);
            assertThat(outcome).as(token).isInstanceOf(VerificationOutcome.Rejected.class);
            VerificationOutcome.Rejected rejected = (VerificationOutcome.Rejected) outcome;
            reached.add(rejected.reason());
            for (String value : valuesOf(token)) {
                assertThat(rejected.detail())
                        .as("%s detail of a token carrying %s", rejected.reason(), value)
                        .doesNotContain(value);
            }
        }
        assertThat(reached)
                .containsAll(EnumSet.complementOf(EnumSet.of(
                        VerificationOutcome.Reason.TOO_LARGE,
                        VerificationOutcome.Reason.KEYS_UNAVAILABLE,
                        // a fixed detail, held by StoreOutageTest
                        VerificationOutcome.Reason.REVOCATION_UNAVAILABLE)));
    }

    /** Every value in the token's header and payload, as text, minus what the verifier is configured with. */
    private static List<String> valuesOf(String token) {
        String[] parts = token.split("\\.");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> object =
                    StrictJson.parseObject(Base64.getUrlDecoder().decode(parts[i]), 32);
            collect(object, values);
        }
        values.removeIf(v -> v.length() < 4
                || v.equals(ISSUER)
                || v.equals(AUDIENCE)
                || v.equals("HS256")
                || v.equals("JWT")
                || v.equals("acme"));
        return values;
    }

    private static void collect(Object value, List<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, into));
        } else if (value instanceof Long number) {
            into.add(Long.toString(number));
            if (Math.abs(number) < 31_556_889_864_403_199L) {
                into.add(Instant.ofEpochSecond(number).toString());
            }
        } else if (value instanceof Double number) {
            into.add(Double.toString(number));
            into.add(Long.toString((long) Math.floor(number)));
            into.add(Instant.ofEpochSecond((long) Math.floor(number)).toString().replace("Z", ""));
        } else if (value instanceof String text) {
            into.add(text);
        }
    }

    @Test
    void markersAreFoundWhereTheyOccur() {
        // The search itself must be able to fail: a detail made of token values is caught.
        String token = sign(JwsAlgorithm.HS256, SECRET, HEADER, good("\"exp\":" + PAST));
        String leaky = "expired at " + Instant.ofEpochSecond(PAST);
        assertThat(valuesOf(token)).anySatisfy(value -> assertThat(leaky).contains(value));
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .contains("sub-marker-41af");
    }
}
