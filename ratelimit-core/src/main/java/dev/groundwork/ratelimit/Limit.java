package dev.groundwork.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rate limit: at most {@code quota} units per {@code window}, counted by an {@link Algorithm}; for
 * {@link Algorithm#GCRA} up to {@code burst} units may be taken at once.
 *
 * <pre>{@code
 * Limit burst = Limit.perSecond(20).burst(40); // 20/s sustained, 40 at once, named "20-per-1s"
 * Limit daily = Limit.perDay(10_000).named("daily"); // a bucket of 10 000 refilled over a day
 * Limit sliding = Limit.perMinute(100).slidingWindow(); // 100 in any minute, estimated from two windows
 * }</pre>
 *
 * <p>Validated when created: a quota or burst below one or above {@link #MAX_UNITS}, a window shorter than a millisecond or longer than 366 days, a
 * rate above one unit per nanosecond, a burst below one or one that would take more than ten years to refill, or a
 * name that is not 1–64 characters of {@code [A-Za-z0-9._-]} is refused with an {@link IllegalArgumentException}
 * that names the value. The name appears in the {@code RateLimit} headers and in Redis keys, so it is restricted to
 * characters that need no escaping in either. Immutable.
 *
 * @param name the policy name used in headers and events
 * @param quota units admitted per window
 * @param window the window the quota refers to
 * @param burst units admissible at once; equal to {@code quota} unless set for {@link Algorithm#GCRA}
 * @param algorithm how the limit counts
 */
public record Limit(String name, long quota, Duration window, long burst, Algorithm algorithm) {

    private static final Duration MIN_WINDOW = Duration.ofMillis(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final long MAX_REFILL_NANOS = Duration.ofDays(3660).toNanos();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * The largest quota or burst: the largest integer a Structured Field may carry (RFC 9651 §3.3.1, 15 digits), so
     * every number the {@code RateLimit-Policy} and {@code RateLimit} headers state is one a strict parser accepts.
     */
    public static final long MAX_UNITS = 999_999_999_999_999L;

    /**
     * Validates the limit.
     *
     * @param name the policy name used in headers and events
     * @param quota units admitted per window
     * @param window the window the quota refers to
     * @param burst units admissible at once; equal to {@code quota} unless set for {@link Algorithm#GCRA}
     * @param algorithm how the limit counts
     */
    public Limit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(algorithm, "algorithm");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "limit name must be 1-64 characters of [A-Za-z0-9._-], got \"" + printable(name) + "\"");
        }
        if (quota < 1) {
            throw new IllegalArgumentException("quota of limit '" + name + "' must be at least 1, got " + quota);
        }
        if (quota > MAX_UNITS) {
            throw new IllegalArgumentException("quota of limit '" + name + "' must be at most " + MAX_UNITS
                    + " (the largest integer the RateLimit headers can state), got " + quota);
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException(
                    "window of limit '" + name + "' must be between 1 ms and 366 days, got " + window);
        }
        long windowNanos = window.toNanos();
        if (quota > windowNanos) {
            throw new IllegalArgumentException(
                    "limit '" + name + "' asks for " + quota + " per " + window + ", more than one per nanosecond");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst of limit '" + name + "' must be at least 1, got " + burst);
        }
        if (algorithm != Algorithm.GCRA && burst != quota) {
            throw new IllegalArgumentException("limit '" + name + "' uses " + algorithm
                    + ", which has no separate burst: burst must equal the quota " + quota + ", got " + burst);
        }
        long interval = emissionIntervalNanos(windowNanos, quota);
        if (burst > MAX_REFILL_NANOS / interval) {
            throw new IllegalArgumentException("burst " + burst + " of limit '" + name + "' would take more than ten"
                    + " years to refill at " + quota + " per " + window);
        }
        if (burst > MAX_UNITS) {
            throw new IllegalArgumentException("burst of limit '" + name + "' must be at most " + MAX_UNITS
                    + " (the largest integer the RateLimit headers can state), got " + burst);
        }
    }

    /**
     * A GCRA limit of {@code quota} per {@code window} with a burst equal to the quota.
     *
     * @param quota units per window, at least 1
     * @param window between 1 ms and 366 days
     * @return the limit, named like {@code 100-per-10s}
     */
    public static Limit of(long quota, Duration window) {
        Objects.requireNonNull(window, "window");
        return new Limit(defaultName(quota, window), quota, window, quota, Algorithm.GCRA);
    }

    /**
     * {@code quota} per second.
     *
     * @param quota units per second
     * @return the limit
     */
    public static Limit perSecond(long quota) {
        return of(quota, Duration.ofSeconds(1));
    }

    /**
     * {@code quota} per minute.
     *
     * @param quota units per minute
     * @return the limit
     */
    public static Limit perMinute(long quota) {
        return of(quota, Duration.ofMinutes(1));
    }

    /**
     * {@code quota} per hour.
     *
     * @param quota units per hour
     * @return the limit
     */
    public static Limit perHour(long quota) {
        return of(quota, Duration.ofHours(1));
    }

    /**
     * {@code quota} per day.
     *
     * @param quota units per day
     * @return the limit
     */
    public static Limit perDay(long quota) {
        return of(quota, Duration.ofDays(1));
    }

    /**
     * The same limit with another burst (GCRA only): up to {@code burst} units at once, refilled at
     * {@code quota / window}.
     *
     * @param burst at least 1
     * @return a new limit
     * @throws IllegalArgumentException if the algorithm is a window or the burst is out of range
     */
    public Limit burst(long burst) {
        return new Limit(name, quota, window, burst, algorithm);
    }

    /**
     * The same limit under another name.
     *
     * @param name 1–64 characters of {@code [A-Za-z0-9._-]}
     * @return a new limit
     */
    public Limit named(String name) {
        return new Limit(name, quota, window, burst, algorithm);
    }

    /**
     * The same quota and window counted in aligned fixed windows.
     *
     * @return a new limit
     * @throws IllegalArgumentException if a burst different from the quota was set
     */
    public Limit fixedWindow() {
        return new Limit(name, quota, window, burst, Algorithm.FIXED_WINDOW);
    }

    /**
     * The same quota and window counted by a sliding-window counter.
     *
     * @return a new limit
     * @throws IllegalArgumentException if a burst different from the quota was set
     */
    public Limit slidingWindow() {
        return new Limit(name, quota, window, burst, Algorithm.SLIDING_WINDOW);
    }

    /**
     * The most units one request can ever be granted: the burst for GCRA, the quota for windows. A cost above it
     * is refused with an {@link IllegalArgumentException} at call time, since waiting would never help.
     *
     * @return the capacity
     */
    public long capacity() {
        return burst;
    }

    /**
     * For GCRA, the time one unit takes to refill: {@code window / quota}, rounded up to a whole nanosecond so
     * the limiter never admits more than asked.
     *
     * @return the emission interval in nanoseconds
     */
    public long emissionIntervalNanos() {
        return emissionIntervalNanos(window.toNanos(), quota);
    }

    /**
     * The longest a key can take to return to full capacity after its last use; state idle this long is
     * indistinguishable from fresh state, which is why it can be evicted without losing anything.
     *
     * @return nanoseconds until any state of this limit is full again
     */
    public long timeToFullNanos() {
        return switch (algorithm) {
            case GCRA -> emissionIntervalNanos() * burst;
            case FIXED_WINDOW -> window.toNanos();
            case SLIDING_WINDOW -> 2 * window.toNanos();
        };
    }

    private static long emissionIntervalNanos(long windowNanos, long quota) {
        return Math.max(1, -Math.floorDiv(-windowNanos, quota));
    }

    private static String defaultName(long quota, Duration window) {
        return quota + "-per-" + shortDuration(window);
    }

    private static String shortDuration(Duration window) {
        if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
            return "0s"; // refused by the constructor with the real value in the message
        }
        long millis = window.toMillis();
        if (window.toNanos() % 1_000_000 != 0) {
            return window.toNanos() + "ns";
        }
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 40; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 40 ? out + "…" : out.toString();
    }
}
