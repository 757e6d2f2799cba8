package dev.groundwork.persistence;

/** What a page request does with a size above the maximum. Never silent: the choice is the server's. Immutable. */
public enum SizePolicy {
    /** Refuse the request with {@link InvalidPageRequestException.Reason#SIZE_TOO_LARGE} (the default). */
    REJECT,
    /** Use the maximum instead; {@link PageRequest#clamped()} tells the caller it happened. */
    CLAMP
}
