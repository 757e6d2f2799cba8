package dev.groundwork.auth;

import java.util.Objects;

/**
 * The outcome of {@link JwtVerifier#verify}: either {@link Verified} with the token, or {@link Rejected} with the
 * reason (on Java 21, a {@code switch} over the two cases does the same):
 *
 * <pre>{@code
 * Verification verification = verifier.verify(token);
 * if (verification instanceof Verification.Verified verified) {
 *     handle(verified.token().subject());
 * } else if (verification instanceof Verification.Rejected rejected) {
 *     respond(rejected.reason().httpStatus());
 * }
 * }</pre>
 */
public sealed interface Verification {

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
    record Verified(AccessToken token) implements Verification {
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
    record Rejected(RejectionReason reason, String detail) implements Verification {
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
}
