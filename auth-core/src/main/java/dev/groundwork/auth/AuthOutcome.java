package dev.groundwork.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link BearerAuthenticator#authenticate}: the caller is {@link Authenticated}, or gets a
 * {@link Challenge} to write as the response: its status and headers, exactly as RFC 6750 §3 prescribes.
 *
 * <pre>{@code
 * AuthOutcome outcome = auth.authenticate(request.header("Authorization"), "orders:read");
 * if (outcome instanceof AuthOutcome.Authenticated authenticated) {
 *     handle(request, authenticated.token());
 * } else if (outcome instanceof AuthOutcome.Challenge challenge) {
 *     respond(challenge.status(), challenge.headers());
 * }
 * }</pre>
 */
public sealed interface AuthOutcome {

    /**
     * The bearer token verified and carries every required scope.
     *
     * @param token the verified token
     */
    record Authenticated(AccessToken token) implements AuthOutcome {
        /**
         * Checks the component.
         *
         * @param token the verified token
         */
        public Authenticated {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The request must be refused with this status and these headers.
     *
     * @param status 400, 401, 403 or 503
     * @param headers response headers: {@code WWW-Authenticate} for 400, 401 and 403, {@code Retry-After} for 503
     * @param error the RFC 6750 error code ({@code invalid_request}, {@code invalid_token},
     *     {@code insufficient_scope}), {@code temporarily_unavailable} for 503, or empty when the request carried
     *     no bearer token at all
     * @param rejection why the token was rejected, when a token was verified and failed; null otherwise (read it
     *     through {@link #reason()})
     */
    record Challenge(
            int status, Map<String, String> headers, String error, VerificationOutcome.@Nullable Reason rejection)
            implements AuthOutcome {
        /**
         * Checks and copies the components.
         *
         * @param status the HTTP status
         * @param headers response headers
         * @param error the error code, or empty
         * @param rejection the rejection reason, if a token was verified
         */
        public Challenge {
            Objects.requireNonNull(error, "error");
            headers = Map.copyOf(headers);
        }

        /**
         * Why the token was rejected.
         *
         * @return the reason, when a token was verified and failed
         */
        public Optional<VerificationOutcome.Reason> reason() {
            return Optional.ofNullable(rejection);
        }

        /**
         * The {@code WWW-Authenticate} header value.
         *
         * @return the challenge, absent for 503
         */
        public Optional<String> wwwAuthenticate() {
            return Optional.ofNullable(headers.get("WWW-Authenticate"));
        }
    }
}
