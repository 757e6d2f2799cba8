package dev.groundwork.auth;

import dev.groundwork.auth.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a remote JWK set is fetched and cached (see {@link KeySource#remoteJwks(java.net.URI, JwksOptions)}).
 *
 * <ul>
 *   <li>{@code ttl} (5 min): how long fetched keys are fresh;
 *   <li>{@code refreshAhead} (30 s): within this window before the TTL ends, a lookup starts one background refresh
 *       and keeps serving the current keys;
 *   <li>{@code unknownKeyCooldown} (30 s): a token with an unknown {@code kid} triggers at most one refresh per
 *       cooldown (a flood of random kids cannot turn into a flood of requests); failed refreshes are retried no
 *       sooner either;
 *   <li>{@code outageTolerance} (1 h): when refreshes fail, the last good keys keep verifying for this long after
 *       their TTL ended; after that, lookups answer {@link VerificationOutcome.Reason#KEYS_UNAVAILABLE};
 *   <li>{@code connectTimeout} (1 s) and {@code requestTimeout} (2 s): a slow or dead endpoint never stalls callers
 *       longer than this;
 *   <li>{@code maxBytes} (64 KiB): larger documents are refused.
 * </ul>
 *
 * <p>Immutable; thread-safe.
 */
public final class JwksOptions {
    private static final JwksOptions DEFAULTS = builder().build();

    private final Duration ttl;
    private final Duration refreshAhead;
    private final Duration unknownKeyCooldown;
    private final Duration outageTolerance;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxBytes;
    private final Clock clock;

    private JwksOptions(Builder builder) {
        this.ttl = builder.ttl;
        this.refreshAhead = builder.refreshAhead;
        this.unknownKeyCooldown = builder.unknownKeyCooldown;
        this.outageTolerance = builder.outageTolerance;
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.maxBytes = builder.maxBytes;
        this.clock = builder.clock;
    }

    /**
     * The defaults listed above.
     *
     * @return the default options
     */
    public static JwksOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long fetched keys count as fresh.
     *
     * @return the time to live
     */
    public Duration ttl() {
        return ttl;
    }

    /**
     * How long before expiry a refresh starts in the background.
     *
     * @return the refresh-ahead margin
     */
    public Duration refreshAhead() {
        return refreshAhead;
    }

    /**
     * The least time between refreshes for unknown key ids, and after a failed fetch.
     *
     * @return the cooldown
     */
    public Duration unknownKeyCooldown() {
        return unknownKeyCooldown;
    }

    /**
     * How long past their time to live cached keys are still used while the endpoint fails.
     *
     * @return the tolerance
     */
    public Duration outageTolerance() {
        return outageTolerance;
    }

    /**
     * The connect timeout of each fetch.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The deadline of each fetch, body included.
     *
     * @return the timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * The largest document accepted, in bytes.
     *
     * @return the limit
     */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The clock freshness is measured with.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /** Builds {@link JwksOptions}; every setter checks its value. Not thread-safe. */
    public static final class Builder {
        private Duration ttl = Duration.ofMinutes(5);
        private Duration refreshAhead = Duration.ofSeconds(30);
        private Duration unknownKeyCooldown = Duration.ofSeconds(30);
        private Duration outageTolerance = Duration.ofHours(1);
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration requestTimeout = Duration.ofSeconds(2);
        private int maxBytes = 64 * 1024;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * How long fetched keys are fresh.
         *
         * @param ttl between 10 seconds and 24 hours
         * @return this builder
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Durations.within("ttl", ttl, Duration.ofSeconds(10), Duration.ofHours(24));
            return this;
        }

        /**
         * The window before the TTL ends in which a lookup starts a background refresh.
         *
         * @param refreshAhead between zero and the TTL
         * @return this builder
         */
        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = Durations.within("refreshAhead", refreshAhead, Duration.ZERO, Duration.ofHours(24));
            return this;
        }

        /**
         * The least time between two refreshes caused by unknown key ids or failures.
         *
         * @param cooldown between one second and one hour
         * @return this builder
         */
        public Builder unknownKeyCooldown(Duration cooldown) {
            this.unknownKeyCooldown =
                    Durations.within("unknownKeyCooldown", cooldown, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        /**
         * How long the last good keys keep verifying after their TTL when refreshes fail.
         *
         * @param tolerance between zero and seven days
         * @return this builder
         */
        public Builder outageTolerance(Duration tolerance) {
            this.outageTolerance = Durations.within("outageTolerance", tolerance, Duration.ZERO, Duration.ofDays(7));
            return this;
        }

        /**
         * The TCP connect timeout.
         *
         * @param timeout between 10 milliseconds and 30 seconds
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout =
                    Durations.within("connectTimeout", timeout, Duration.ofMillis(10), Duration.ofSeconds(30));
            return this;
        }

        /**
         * The whole-request timeout, body included.
         *
         * @param timeout between 10 milliseconds and 60 seconds
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout =
                    Durations.within("requestTimeout", timeout, Duration.ofMillis(10), Duration.ofSeconds(60));
            return this;
        }

        /**
         * The largest JWK set document accepted.
         *
         * @param bytes between 1 KiB and 1 MiB
         * @return this builder
         */
        public Builder maxBytes(int bytes) {
            if (bytes < 1024 || bytes > 1024 * 1024) {
                throw new IllegalArgumentException("maxBytes must be between 1024 and 1048576: " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /**
         * The clock TTLs and tolerances are measured with; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalStateException when refreshAhead is not shorter than ttl
         */
        public JwksOptions build() {
            if (refreshAhead.compareTo(ttl) >= 0) {
                throw new IllegalStateException(
                        "refreshAhead (" + refreshAhead + ") must be shorter than ttl (" + ttl + ")");
            }
            return new JwksOptions(this);
        }
    }
}
