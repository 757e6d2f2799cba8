package dev.groundwork.auth;

import java.util.List;

/** The outcome of asking a {@link KeySource} for a token's keys. */
sealed interface KeyLookup {
    /** Candidate keys, in the order to try them; never empty. */
    record Found(List<VerifierKey> keys) implements KeyLookup {}

    /** The source is readable and has no key for this {@code kid} and algorithm. */
    record NoMatch() implements KeyLookup {}

    /** The source could not be read and holds nothing usable; the caller should answer 503. */
    record Unavailable(String why) implements KeyLookup {}
}
