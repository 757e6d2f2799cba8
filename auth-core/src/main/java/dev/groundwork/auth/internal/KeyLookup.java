package dev.groundwork.auth.internal;

import dev.groundwork.auth.KeySource;
import java.util.List;

/** The outcome of asking a {@link KeySource} for a token's keys. */
public sealed interface KeyLookup {
    /** Candidate keys, in the order to try them; never empty. */
    public record Found(List<VerifierKey> keys) implements KeyLookup {}

    /** The source is readable and has no key for this {@code kid} and algorithm. */
    public record NoMatch() implements KeyLookup {}

    /** The source could not be read and holds nothing usable; the caller should answer 503. */
    public record Unavailable(String why) implements KeyLookup {}
}
