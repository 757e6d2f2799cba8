package dev.groundwork.auth.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Total time arithmetic: an instant moved by a duration saturates at {@link Instant#MIN} and {@link Instant#MAX}
 * instead of throwing. Token claims may carry any instant the JDK can represent ({@code exp} in the last second
 * before {@code Instant.MAX} is a valid NumericDate), so every comparison that adds a skew, a TTL or a cooldown to
 * a time goes through here and stays a comparison. Stateless; thread-safe.
 */
public final class Times {
    private Times() {}

    /**
     * {@code instant + duration}, clamped to the instants the JDK represents.
     *
     * @param instant the start
     * @param duration the amount, negative to move back
     * @return the moved instant, or {@code Instant.MIN} / {@code Instant.MAX} when it would fall outside
     */
    public static Instant plus(Instant instant, Duration duration) {
        // Both differences fit a long: epoch seconds of an Instant lie within about ±3.2e16.
        long room = Instant.MAX.getEpochSecond() - instant.getEpochSecond();
        long floor = Instant.MIN.getEpochSecond() - instant.getEpochSecond();
        long seconds = duration.getSeconds();
        if (seconds > room) {
            return Instant.MAX;
        }
        if (seconds < floor - 1) {
            return Instant.MIN;
        }
        try {
            // One normalisation of seconds and nanoseconds together: Instant.plus(Duration) adds them in two steps,
            // and the first may leave the range even when the sum does not.
            return Instant.ofEpochSecond(
                    instant.getEpochSecond() + seconds, (long) instant.getNano() + duration.getNano());
        } catch (DateTimeException e) {
            // Only within a second of either end, where the nanoseconds carry over.
            return seconds >= 0 ? Instant.MAX : Instant.MIN;
        }
    }

    /**
     * {@code instant - duration}, clamped like {@link #plus}.
     *
     * @param instant the start
     * @param duration the amount
     * @return the moved instant, clamped
     */
    public static Instant minus(Instant instant, Duration duration) {
        if (duration.getSeconds() == Long.MIN_VALUE) {
            return Instant.MAX;
        }
        return plus(instant, duration.negated());
    }
}
