package dev.groundwork.ratelimit.redis;

/**
 * A Redis key of a limiter holds something its plan did not write: a string of another shape, counts beyond the
 * quota, or a value of another type. It reaches {@link dev.groundwork.ratelimit.RateLimitListener#onBackendFailure}
 * as the cause; the decision for that key alone follows the outage policy, the key is left as found for an operator
 * to inspect (it expires by its own TTL, or delete it), and every other key goes on through Redis.
 *
 * <p>Keys carry a fingerprint of their limiter's plan, so no Groundwork limiter can write another's key; this
 * exception means another program, or a person, wrote it.
 */
public final class UnreadableStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The Redis key that could not be read. */
    private final String redisKey;

    /**
     * Creates the exception.
     *
     * @param redisKey the Redis key that could not be read
     * @param wrongType true when the key holds another type than a string
     */
    public UnreadableStateException(String redisKey, boolean wrongType) {
        super((wrongType
                        ? "Redis key holds a value of another type than string: "
                        : "Redis key holds a state this" + " limiter did not write: ")
                + redisKey);
        this.redisKey = redisKey;
    }

    /**
     * The Redis key, as this limiter names it.
     *
     * @return the key
     */
    public String redisKey() {
        return redisKey;
    }
}
