package dev.groundwork.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Where one {@link Limit} stood for a key right after a decision. Immutable.
 *
 * @param limit the limit
 * @param remaining units that could still be taken at once, after this decision
 * @param resetAfter time until the limit is back to full capacity if nothing more is taken
 * @param retryAfter for a refused request, time until this limit alone would admit the same cost; zero otherwise
 */
public record LimitStatus(Limit limit, long remaining, Duration resetAfter, Duration retryAfter) {

    /**
     * Validates the status.
     *
     * @param limit the limit
     * @param remaining units that could still be taken at once, not negative
     * @param resetAfter time until full capacity, not negative
     * @param retryAfter time until this limit admits the cost, not negative
     */
    public LimitStatus {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(resetAfter, "resetAfter");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (remaining < 0 || resetAfter.isNegative() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("negative status for limit '" + limit.name() + "': remaining "
                    + remaining + ", resetAfter " + resetAfter + ", retryAfter " + retryAfter);
        }
    }
}
