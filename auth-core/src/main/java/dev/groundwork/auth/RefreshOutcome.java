package dev.groundwork.auth;

import java.util.Objects;

/** The outcome of {@link TokenIssuer#refresh}: a new token pair, or why there is none. */
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
