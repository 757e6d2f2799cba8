package dev.groundwork.auth;

import dev.groundwork.auth.internal.InMemoryRefreshTokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link TokenIssuer} keeps its refresh tokens: only their SHA-256 hashes, each with its grant and a used
 * flag, plus the revoked token families. Implement it over a shared database or Redis for several instances; the
 * rules an implementation must keep: {@link #consume} is atomic (for one hash, exactly one caller ever gets
 * {@link Consumption.First}), and it checks the family's revocation before it marks the token used, so a winner is
 * never undone by the replays that come after it. An implementation that cannot answer throws
 * {@link StoreUnavailableException}; {@link TokenIssuer#refresh} then answers {@link RefreshOutcome.Unavailable}.
 */
public interface RefreshTokenStore {

    /**
     * What a refresh token grants.
     *
     * @param familyId the rotation chain it belongs to; reuse of any member revokes the whole family
     * @param subject the user
     * @param scopes the granted scopes
     * @param expiresAt when this token stops being usable
     */
    record Grant(String familyId, String subject, List<String> scopes, Instant expiresAt) {
        /**
         * Checks and copies the components.
         *
         * @param familyId the rotation chain
         * @param subject the user
         * @param scopes the scopes
         * @param expiresAt the expiry
         */
        public Grant {
            Objects.requireNonNull(familyId, "familyId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(expiresAt, "expiresAt");
            scopes = List.copyOf(scopes);
        }
    }

    /** The outcome of {@link #consume}. */
    sealed interface Consumption {
        /**
         * The token was unused and is now used: the caller may rotate it.
         *
         * @param grant the grant
         */
        record First(Grant grant) implements Consumption {}

        /**
         * The token had been used before: a replay, so its family must be revoked.
         *
         * @param grant the grant
         */
        record Reused(Grant grant) implements Consumption {}

        /**
         * The token's family had been revoked before this attempt.
         *
         * @param grant the grant
         */
        record FamilyRevoked(Grant grant) implements Consumption {}

        /** No such token (never issued, or forgotten after expiry). */
        record Unknown() implements Consumption {}
    }

    /**
     * Stores a new, unused refresh token.
     *
     * @param tokenHash the base64url SHA-256 of the token
     * @param grant what it grants
     */
    void save(String tokenHash, Grant grant);

    /**
     * Marks a token used, atomically, unless its family is revoked.
     *
     * @param tokenHash the base64url SHA-256 of the token
     * @return {@link Consumption.FamilyRevoked} when the family was revoked; otherwise {@link Consumption.First}
     *     for exactly one caller per token and {@link Consumption.Reused} for every later one
     */
    Consumption consume(String tokenHash);

    /**
     * Revokes every token of a family, used or not.
     *
     * @param familyId the family
     * @param until when the revocation may be forgotten (after the family's last token expires)
     */
    void revokeFamily(String familyId, Instant until);

    /**
     * A store in this process's memory, bounded, forgetting entries when they expire. Tokens do not survive a
     * restart, and several instances do not share it.
     *
     * @param clock the clock expiries are measured with
     * @param maxTokens the most tokens kept
     * @return the store
     */
    static RefreshTokenStore inMemory(Clock clock, int maxTokens) {
        return new InMemoryRefreshTokenStore(clock, maxTokens);
    }
}
