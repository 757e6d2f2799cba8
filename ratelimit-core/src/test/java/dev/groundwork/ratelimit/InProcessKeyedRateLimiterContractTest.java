package dev.groundwork.ratelimit;

import java.time.Duration;
import java.util.List;

/** The {@link KeyedRateLimiter} contract, in process, on a {@link ManualTimeSource}. */
class InProcessKeyedRateLimiterContractTest extends KeyedRateLimiterContract {
    private final ManualTimeSource time = ManualTimeSource.startingAt(0);

    @Override
    protected KeyedRateLimiter<String> create(List<Limit> limits) {
        RateLimiter.Builder builder = RateLimiter.builder().timeSource(time);
        limits.forEach(builder::limit);
        return builder.buildKeyed();
    }

    @Override
    protected void advance(Duration duration) {
        time.advance(duration);
    }
}
