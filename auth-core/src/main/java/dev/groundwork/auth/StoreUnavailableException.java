package dev.groundwork.auth;

import org.jspecify.annotations.Nullable;

/**
 * A store this module reads through ({@link RevocationList}, {@link RefreshTokenStore},
 * {@link dev.groundwork.auth.apikey.ApiKeyStore}) could not answer in time: the server's fault, not the caller's.
 * Implementations over a network (Redis, a database) throw it when their policy is to fail closed; the module turns
 * it into a typed outcome a service answers with 503 and {@code Retry-After}: a verification is rejected with
 * {@link VerificationOutcome.Reason#REVOCATION_UNAVAILABLE}, a refresh is {@link RefreshOutcome.Unavailable}, an API
 * key check is {@link dev.groundwork.auth.apikey.ApiKeyOutcome.Unavailable}. Writes ({@link TokenIssuer#issue},
 * logout, revocations) let it through to the caller, since nothing was done.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A store failure.
     *
     * @param message what could not be done, and which store
     * @param cause the store's own error (a timeout, a refused connection), or null
     */
    public StoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
