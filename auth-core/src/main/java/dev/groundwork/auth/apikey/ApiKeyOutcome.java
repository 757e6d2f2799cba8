package dev.groundwork.auth.apikey;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link ApiKeys#check}: the key is {@link Valid}, with what it may do, {@link Rejected}, with why,
 * or {@link Unavailable} when the store could not answer. Immutable.
 */
public sealed interface ApiKeyOutcome {

    /**
     * The key is valid.
     *
     * @param id the key's id
     * @param owner who it belongs to
     * @param scopes what it may do
     */
    record Valid(String id, String owner, List<String> scopes) implements ApiKeyOutcome {
        /**
         * Checks and copies the components.
         *
         * @param id the key's id
         * @param owner who it belongs to
         * @param scopes what it may do
         */
        public Valid {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * The key is refused.
     *
     * @param reason why
     */
    record Rejected(Reason reason) implements ApiKeyOutcome {
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
     * The key store could not answer (it threw {@link dev.groundwork.auth.StoreUnavailableException}): neither valid
     * nor refused; answer 503 with {@code Retry-After}.
     *
     * @param detail what failed, for logs (not for the client)
     */
    record Unavailable(String detail) implements ApiKeyOutcome {
        /**
         * Checks the component.
         *
         * @param detail what failed
         */
        public Unavailable {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a key was refused. */
    enum Reason {
        /** Not of the form {@code <prefix>_<id>_<secret>}, or another prefix. */
        MALFORMED,
        /** No key with this id, or the secret does not match: told apart only here, never to the client. */
        UNKNOWN,
        /** Past its expiry. */
        EXPIRED,
        /** Revoked. */
        REVOKED
    }
}
