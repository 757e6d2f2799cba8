package dev.groundwork.auth.internal;

import java.time.Duration;
import java.util.Objects;

/** Range checks for the durations builders accept. */
public final class Durations {
    private Durations() {}

    /** Returns the value, or throws naming the setting when it is null or outside [min, max]. */
    public static Duration within(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }
}
