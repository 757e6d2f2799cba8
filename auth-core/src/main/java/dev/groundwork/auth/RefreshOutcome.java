package dev.groundwork.auth;

import java.util.Objects;

/** The outcome of {@link TokenIssuer#refresh}: a new token pair, why there is none, or that the store is down. */
public sealed interface RefreshOutcome {

    /**
     * The refresh token was valid and has been rotated: it is now used, and the new pair replaces it.
     *
     * @param tokens the new access and refresh tokens
     * @param subject whom they are for (the {@code sub} they were issued to), so the caller can answer with that
     *     user without verifying the new access token
     * @param scopes the scopes granted, as at the first issue
     */
    record Refreshed(TokenPair tokens, String subject, java.util.List<String> scopes) implements RefreshOutcome {
        /**
         * Checks the components.
         *
         * @param tokens the new pair
         * @param subject the subject
         * @param scopes the scopes
         */
        public Refreshed {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(subject, "subject");
            scopes = java.util.List.copyOf(scopes);
        }
    }

    /**
     * No new tokens; the client must log in again.
     *
     * @param reason why
     */
    record Rejected(Reason reason) implements RefreshOutcome {
        /**
         * Checks the component.
         *
         * @param reason why
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The refresh token store could not answer (it threw {@link StoreUnavailableException}): nothing was consumed or
     * issued, and the client should retry the same refresh later (HTTP 503 with {@code Retry-After}), not log in again.
     *
     * @param detail what failed, for logs (not for the client)
     */
    record Unavailable(String detail) implements RefreshOutcome {
        /**
         * Checks the component.
         *
         * @param detail what failed
         */
        public Unavailable {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a refresh was refused. All map to OAuth's {@code invalid_grant} (RFC 6749 §5.2). */
    enum Reason {
        /** Not a refresh token this issuer knows (never issued, malformed, or forgotten after expiry). */
        UNKNOWN,
        /** The refresh token expired. */
        EXPIRED,
        /** The refresh token had already been used: a replay. Its whole family has now been revoked. */
        REUSED,
        /** The token's family was revoked (by an earlier reuse, or by logout). */
        REVOKED
    }
}
