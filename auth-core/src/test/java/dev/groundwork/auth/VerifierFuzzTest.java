package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.CLOCK;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.b64;
import static dev.groundwork.auth.TestTokens.claims;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link JwtVerifier#verify} and {@link BearerAuthenticator#authenticate}: random strings, random
 * segments, structured JSON from a small grammar, and mutations of valid tokens. Every input must produce a typed
 * outcome, never an exception, and only an unmodified valid token may verify. The seed is fixed so a failure
 * reproduces; the input that failed is named in the assertion.
 */
class VerifierFuzzTest {
    private static final long SEED = 0x6772_6F75_6E64L;
    private static final int ROUNDS = 60_000;
    private static final String VALID_EXP = Long.toString(TestTokens.epoch(TestTokens.NOW.plusSeconds(300)));
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"{}[],:\\\u0000é€\uD83D";

    private final SecretKey secret = TestTokens.secret(32);
    private final KeyPair ec = TestTokens.ec("secp256r1");
    private final JwtVerifier verifier = JwtVerifier.builder()
            .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, secret.getEncoded()))
            .issuer("https://ec.example.com", KeySource.publicKey(JwsAlgorithm.ES256, ec.getPublic()))
            .audience(AUDIENCE)
            .algorithms(JwsAlgorithm.HS256, JwsAlgorithm.ES256)
            .clock(CLOCK)
            .build();
    private final BearerAuthenticator auth = BearerAuthenticator.of(verifier);
    /** The same rules with the verified-token cache, whose expiry arithmetic must be as total as the checks. */
    private final JwtVerifier cached = JwtVerifier.builder()
            .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, secret.getEncoded()))
            .audience(AUDIENCE)
            .algorithms(JwsAlgorithm.HS256)
            .clock(CLOCK)
            .cacheVerified(1_000)
            .build();

    /**
     * Time values at and around every edge: the NumericDate range accepted, the JDK's {@code Instant} range, the
     * long range, and fractions that round across them.
     */
    private static final String[] EDGE_TIMES = {
        "0",
        "-1",
        "-0.5",
        "0.999999999",
        "253402300799",
        "253402300799.9999999",
        "253402300800",
        "31556889864403199",
        "31556889864403198.5",
        "31556889864403200",
        "-31557014167219200",
        "-31557014167219201",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "1e19",
        "-1e19",
        "1e308",
        "-1e308",
        "4.9e-324",
        VALID_EXP,
        VALID_EXP
    };

    @Test
    void everyInputGetsATypedOutcomeAndOnlyValidTokensVerify() {
        SplittableRandom random = new SplittableRandom(SEED);
        String valid = sign(JwsAlgorithm.HS256, secret, claims("\"scope\":\"a b\""));
        String validEc =
                sign(JwsAlgorithm.ES256, ec.getPrivate(), claims("").replace(ISSUER, "https://ec.example.com"));
        Map<VerificationOutcome.Reason, Integer> seen = new EnumMap<>(VerificationOutcome.Reason.class);
        int verified = 0;

        for (int round = 0; round < ROUNDS; round++) {
            String input = switch (round % 6) {
                case 0 -> randomString(random, random.nextInt(200));
                case 1 -> randomSegment(random) + "." + randomSegment(random) + "." + randomSegment(random);
                case 2 -> structured(random);
                case 3 -> mutate(random, valid);
                case 4 -> mutate(random, validEc);
                default -> resign(random);
            };
            VerificationOutcome outcome;
            VerificationOutcome cachedOutcome;
            try {
                outcome = verifier.verify(input);
                cachedOutcome = cached.verify(input);
                // Twice: the second call of a verified token is a cache hit and re-checks the times.
                cachedOutcome = cached.verify(input);
                checkChallenge(auth.authenticate("Bearer " + input));
                checkChallenge(auth.authenticate(input));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + printable(input) + " threw " + e, e);
            }
            // The verifier's catch-all is a safety net, not a path: reaching it means an unguarded operation.
            for (VerificationOutcome each : new VerificationOutcome[] {outcome, cachedOutcome}) {
                if (each instanceof VerificationOutcome.Rejected rejected) {
                    assertThat(rejected.detail())
                            .as("detail for %s", printable(input))
                            .doesNotStartWith(JwtVerifier.UNEXPECTED_FAILURE);
                }
            }
            assertThat(outcome).as("outcome for %s", printable(input)).isNotNull();
            if (outcome instanceof VerificationOutcome.Rejected rejected) {
                assertThat(rejected.detail()).isNotNull();
                seen.merge(rejected.reason(), 1, Integer::sum);
            } else {
                verified++;
                // Only intact tokens verify: the two valid ones, or ones this test signed with the real key.
                assertThat(round % 6 == 5 || input.equals(valid) || input.equals(validEc))
                        .as("verified %s", printable(input))
                        .isTrue();
            }
        }
        // The fuzzer must reach deep into the pipeline, not stop at the first check.
        assertThat(seen.keySet())
                .contains(
                        VerificationOutcome.Reason.MALFORMED,
                        VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM,
                        VerificationOutcome.Reason.WRONG_ISSUER,
                        VerificationOutcome.Reason.BAD_SIGNATURE,
                        VerificationOutcome.Reason.UNKNOWN_KEY);
        assertThat(verified).isPositive();
    }

    /** Every challenge must be a valid RFC 6750 challenge, whatever header produced it (issue 10.3). */
    private static void checkChallenge(AuthOutcome outcome) {
        if (outcome instanceof AuthOutcome.Challenge challenge) {
            challenge.wwwAuthenticate().ifPresent(ChallengeGrammar::parse);
        }
    }

    private static String printable(String input) {
        String shown = input.length() > 300 ? input.substring(0, 300) + "..." : input;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }

    private static String randomString(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String randomSegment(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return b64(bytes);
    }

    /** A token assembled from grammar-built JSON, so parsing succeeds and later checks get exercised. */
    private static String structured(SplittableRandom random) {
        String header =
                "{" + pick(random, "\"alg\":\"HS256\"", "\"alg\":\"none\"", "\"alg\":\"ES256\"", "\"alg\":7", "")
                        + pick(
                                random,
                                "",
                                ",\"kid\":\"x\"",
                                ",\"crit\":[\"a\"]",
                                ",\"typ\":\"at+jwt\"",
                                ",\"kid\":" + json(random, 3))
                        + "}";
        String payload = "{" + pick(random, "\"iss\":\"" + ISSUER + "\"", "\"iss\":" + json(random, 2), "")
                + pick(random, ",\"aud\":\"" + AUDIENCE + "\"", ",\"aud\":" + json(random, 2), "")
                + pick(random, ",\"exp\":" + json(random, 1), ",\"exp\":9999999999", "")
                + pick(random, ",\"nbf\":" + json(random, 1), ",\"iat\":" + json(random, 1), "") + "}";
        payload = payload.replace("{,", "{");
        return b64(header) + "." + b64(payload) + "." + randomSegment(random);
    }

    private static String json(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth <= 0 ? 5 : 7)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Long.toString(random.nextLong());
            case 3 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(400) - 200));
            case 4 ->
                "\"" + randomString(random, random.nextInt(8)).replace("\\", "").replace("\"", "") + "\"";
            case 5 -> "[" + json(random, depth - 1) + "," + json(random, depth - 1) + "]";
            default -> "{\"k\":" + json(random, depth - 1) + "}";
        };
    }

    private static String pick(SplittableRandom random, String... options) {
        return options[random.nextInt(options.length)];
    }

    /** Valid-signature tokens around edge claims: they must pass or fail on claims, never crash. */
    private String resign(SplittableRandom random) {
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":" + pick(random, "\"" + AUDIENCE + "\"", json(random, 2))
                + ",\"exp\":"
                + (random.nextBoolean() ? json(random, 1) : pick(random, EDGE_TIMES))
                + pick(random, "", ",\"nbf\":" + pick(random, EDGE_TIMES), ",\"iat\":" + pick(random, EDGE_TIMES))
                + ",\"sub\":" + json(random, 2) + ",\"scope\":" + json(random, 2) + "}";
        return sign(JwsAlgorithm.HS256, secret, "{\"alg\":\"HS256\"}", payload);
    }

    private static String mutate(SplittableRandom random, String token) {
        char[] chars = token.toCharArray();
        StringBuilder out = new StringBuilder(token);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> out.deleteCharAt(at);
                case 2 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 3 -> out.setLength(at);
                default -> out.setCharAt(at, (char) (chars[Math.min(at, chars.length - 1)] ^ (1 << random.nextInt(7))));
            }
        }
        String mutated = out.toString();
        // Mutations that happen to recreate the original are not mutations.
        return mutated.equals(token) ? mutated + "x" : mutated;
    }

    @Test
    void fuzzInputsAreDeterministic() {
        SplittableRandom a = new SplittableRandom(SEED);
        SplittableRandom b = new SplittableRandom(SEED);
        assertThat(randomString(a, 50).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(randomString(b, 50).getBytes(StandardCharsets.UTF_8));
    }
}
