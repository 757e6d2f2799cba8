package dev.groundwork.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one request for permits: whether it was admitted, where each limit stands now, how long to wait
 * if it was refused, and the HTTP header fields that say so.
 *
 * <pre>{@code
 * Decision d = perClient.tryAcquire(clientId);
 * d.headers().forEach(response::setHeader); // RateLimit-Policy, RateLimit, and Retry-After when refused
 * if (!d.allowed()) {
 *     response.setStatus(429);
 *     return;
 * }
 * }</pre>
 *
 * <p>A decision made while the remote store was unreachable says so in {@link #source()}; under
 * {@link OutagePolicy#FAIL_OPEN} and {@link OutagePolicy#FAIL_CLOSED} it carries no limit statuses (nothing is
 * known about them) and its headers hold only {@code Retry-After} when refused. Immutable.
 *
 * @param allowed whether the request was admitted; when refused, nothing was taken from any limit
 * @param cost the units asked for
 * @param limits every limit of the key, in the order they were configured; empty for outage decisions
 * @param retryAfter for a refused request, the time after which the same request could be admitted by every
 *     limit (if nobody else takes units meanwhile); zero when admitted
 * @param source what made the decision
 */
public record Decision(boolean allowed, long cost, List<LimitStatus> limits, Duration retryAfter, Source source) {

    /** What made a decision. */
    public enum Source {
        /** The limiter itself, from its own state (local memory or the shared store). */
        LIMITER,
        /** The store was unreachable and {@link OutagePolicy#FAIL_OPEN} admitted the request. */
        FAIL_OPEN,
        /** The store was unreachable and {@link OutagePolicy#FAIL_CLOSED} refused the request. */
        FAIL_CLOSED,
        /** The store was unreachable and the local fallback limiter decided. */
        LOCAL_FALLBACK,
        /**
         * A refusal repeated from this instance's memory: the store refused the key shortly before, and until that
         * refusal's retry time passes, nothing another instance does can make the store admit it.
         */
        CACHED_REFUSAL
    }

    /**
     * Validates the decision and copies the status list.
     *
     * @param allowed whether the request was admitted
     * @param cost the units asked for, at least 1
     * @param limits the statuses of the key's limits
     * @param retryAfter zero when admitted, positive when refused
     * @param source what made the decision
     */
    public Decision {
        limits = List.copyOf(limits);
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(source, "source");
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, got " + cost);
        }
        if (allowed ? !retryAfter.isZero() : retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException(
                    (allowed ? "an admitted" : "a refused") + " decision cannot have retryAfter " + retryAfter);
        }
    }

    /**
     * The units that could still be taken at once: the smallest remaining count over all limits, or zero when no
     * limit status is known (outage decisions).
     *
     * @return remaining units, not negative
     */
    public long remaining() {
        LimitStatus binding = binding();
        return binding == null ? 0 : binding.remaining();
    }

    /**
     * The time until the binding limit is back to full capacity if nothing more is taken; zero when unknown.
     *
     * @return the reset time
     */
    public Duration resetAfter() {
        LimitStatus binding = binding();
        return binding == null ? Duration.ZERO : binding.resetAfter();
    }

    /**
     * The limit that decided: for a refusal the one that makes the caller wait longest, for an admission the one
     * with the fewest units left. {@code null} only for outage decisions without statuses.
     *
     * @return the binding limit's status, or null
     */
    public @Nullable LimitStatus binding() {
        LimitStatus best = null;
        for (LimitStatus status : limits) {
            if (best == null
                    || (allowed
                            ? status.remaining() < best.remaining()
                            : status.retryAfter().compareTo(best.retryAfter()) > 0)) {
                best = status;
            }
        }
        return best;
    }

    /**
     * The response header fields this decision implies, in the order to send them:
     *
     * <ul>
     *   <li>{@code RateLimit-Policy}: every limit as {@code "name";q=<capacity>;w=<seconds>}, where the window is
     *       the time the capacity takes to refill (the window itself for window algorithms), rounded up to a whole
     *       second;
     *   <li>{@code RateLimit}: every limit as {@code "name";r=<remaining>;t=<seconds until full>}, rounded up;
     *   <li>{@code Retry-After}: for a refusal, the seconds to wait, rounded up and at least 1 (RFC 9110 §10.2.3).
     * </ul>
     *
     * <p>The first two follow draft-ietf-httpapi-ratelimit-headers (Structured Field lists, one item per limit).
     *
     * @return an unmodifiable map from field name to value; empty for an admitted outage decision
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(4);
        if (!limits.isEmpty()) {
            StringBuilder policy = new StringBuilder();
            StringBuilder state = new StringBuilder();
            for (LimitStatus status : limits) {
                Limit limit = status.limit();
                if (policy.length() > 0) {
                    policy.append(", ");
                    state.append(", ");
                }
                long policySeconds = ceilSeconds(
                        limit.algorithm() == Algorithm.GCRA
                                ? Duration.ofNanos(limit.timeToFullNanos())
                                : limit.window());
                policy.append('"')
                        .append(limit.name())
                        .append("\";q=")
                        .append(sfInteger(limit.capacity()))
                        .append(";w=")
                        .append(Math.max(1, policySeconds));
                state.append('"')
                        .append(limit.name())
                        .append("\";r=")
                        .append(sfInteger(status.remaining()))
                        .append(";t=")
                        .append(ceilSeconds(status.resetAfter()));
            }
            headers.put("RateLimit-Policy", policy.toString());
            headers.put("RateLimit", state.toString());
        }
        if (!allowed) {
            headers.put("Retry-After", Long.toString(Math.max(1, ceilSeconds(retryAfter))));
        }
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Whole seconds, rounded up, at most {@link Limit#MAX_UNITS}: every number written goes through here or
     * {@link #sfInteger}, so no header ever holds more than the 15 digits RFC 9651 §3.3.1 allows.
     */
    private static long ceilSeconds(Duration d) {
        long seconds = d.getSeconds();
        return seconds >= Limit.MAX_UNITS ? Limit.MAX_UNITS : seconds + (d.getNano() > 0 ? 1 : 0);
    }

    /**
     * A count as a Structured Field integer. Limits cannot exceed {@link Limit#MAX_UNITS}; a status built by hand
     * with a larger count is stated as that maximum rather than as a field a strict parser drops whole.
     */
    private static long sfInteger(long value) {
        return Math.min(value, Limit.MAX_UNITS);
    }
}
