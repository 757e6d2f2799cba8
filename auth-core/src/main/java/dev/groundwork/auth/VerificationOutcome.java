package dev.groundwork.auth;

import java.util.Objects;

/**
 * The outcome of {@link JwtVerifier#verify}: either {@link Verified} with the token, or {@link Rejected} with the
 * reason (on Java 21, a {@code switch} over the two cases does the same):
 *
 * <pre>{@code
 * VerificationOutcome verification = verifier.verify(token);
 * if (verification instanceof VerificationOutcome.Verified verified) {
 *     handle(verified.token().subject());
 * } else if (verification instanceof VerificationOutcome.Rejected rejected) {
 *     respond(rejected.reason().httpStatus());
 * }
 * }</pre>
 */
public sealed interface VerificationOutcome {

    /**
     * Whether the token was accepted.
     *
     * @return true for {@link Verified}
     */
    default boolean isVerified() {
        return this instanceof Verified;
    }

    /**
     * The token passed every check.
     *
     * @param token the verified token
     */
    record Verified(AccessToken token) implements VerificationOutcome {
        /**
         * Checks the component.
         *
         * @param token the verified token
         */
        public Verified {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The token failed a check.
     *
     * @param reason the first check that failed
     * @param detail a short explanation for logs; it never contains claim values from the token
     */
    record Rejected(VerificationOutcome.Reason reason, String detail) implements VerificationOutcome {
        /**
         * Checks the components.
         *
         * @param reason the first check that failed
         * @param detail a short explanation for logs
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Why a token was not accepted. Every reason but {@link #KEYS_UNAVAILABLE} and {@link #REVOCATION_UNAVAILABLE} is
     * a fault of the token and maps to HTTP 401 with {@code error="invalid_token"} (RFC 6750 §3.1); those two are
     * faults of the server side (the key source or the revocation list could not be read) and map to 503.
     */
    enum Reason {
        /** The token is longer than the verifier's size limit; it was refused before any decoding. */
        TOO_LARGE,
        /**
         * Not a compact JWS: wrong number of segments (a JWE has five), bad base64url, JSON that is not an object, is
         * nested too deep or repeats a member name, or a header member of the wrong type.
         */
        MALFORMED,
        /** The {@code alg} header names an algorithm outside the verifier's allow-list ({@code none} always is). */
        UNSUPPORTED_ALGORITHM,
        /** The {@code crit} header names extensions this verifier does not understand (RFC 7515 §4.1.11). */
        UNSUPPORTED_CRITICAL_HEADER,
        /** The {@code typ} header is not one the verifier accepts (for example {@code at+jwt}, RFC 9068). */
        WRONG_TYPE,
        /** The {@code iss} claim is missing or names no issuer this verifier trusts. */
        WRONG_ISSUER,
        /** No key of the issuer matches the token's {@code kid} and algorithm. */
        UNKNOWN_KEY,
        /** The signature does not verify with the issuer's key. */
        BAD_SIGNATURE,
        /** The {@code exp} claim, plus the clock skew, is in the past. */
        EXPIRED,
        /** The {@code nbf} claim, minus the clock skew, is in the future. */
        NOT_YET_VALID,
        /** The {@code iat} claim, minus the clock skew, is in the future. */
        ISSUED_IN_FUTURE,
        /** The {@code aud} claim names none of the verifier's audiences. */
        WRONG_AUDIENCE,
        /** A claim the verifier requires ({@code exp} by default) is absent. */
        MISSING_CLAIM,
        /**
         * A registered claim has the wrong type (for example a string {@code exp}) or a time claim lies outside 1970 to
         * the end of year 9999, or a custom claim rule refused.
         */
        INVALID_CLAIM,
        /** The token's {@code jti} has been revoked. */
        REVOKED,
        /** The issuer's keys could not be obtained and no usable cached copy exists: retry later (HTTP 503). */
        KEYS_UNAVAILABLE,
        /**
         * The revocation list could not say whether the token is revoked and fails closed (it threw
         * {@link StoreUnavailableException}): retry later (HTTP 503).
         */
        REVOCATION_UNAVAILABLE;

        /**
         * Whether the rejection is the server's fault rather than the token's.
         *
         * @return true only for {@link #KEYS_UNAVAILABLE} and {@link #REVOCATION_UNAVAILABLE}
         */
        public boolean isServerFault() {
            return this == KEYS_UNAVAILABLE || this == REVOCATION_UNAVAILABLE;
        }

        /**
         * The HTTP status a resource server answers with.
         *
         * @return 503 for the server's faults, else 401
         */
        public int httpStatus() {
            return isServerFault() ? 503 : 401;
        }
    }
}
