package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header fields a decision implies (draft-ietf-httpapi-ratelimit-headers and RFC 9110 Retry-After). */
class DecisionHeadersTest {

    private final ManualTimeSource time = ManualTimeSource.startingAt(0);
    private final KeyedRateLimiter<String> limiter = RateLimiters.builder()
            .limit(Limit.perSecond(20).burst(40).named("burst"))
            .limit(Limit.perDay(10_000).named("day"))
            .timeSource(time)
            .buildKeyed();

    @Test
    void admittedRequestCarriesPolicyAndStateForEveryLimit() {
        Decision d = limiter.tryAcquire("client-1", 3);
        assertThat(d.allowed()).isTrue();
        assertThat(d.headers())
                .containsExactly(
                        entry("RateLimit-Policy", "\"burst\";q=40;w=2, \"day\";q=10000;w=86400"),
                        entry("RateLimit", "\"burst\";r=37;t=1, \"day\";r=9997;t=26"));
        assertThat(d.remaining()).isEqualTo(37);
        assertThat(d.binding().limit().name()).isEqualTo("burst");
        assertThat(d.resetAfter()).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void refusedRequestAddsRetryAfterRoundedUpToWholeSeconds() {
        assertThat(limiter.tryAcquire("c", 40).allowed()).isTrue();
        Decision d = limiter.tryAcquire("c");
        assertThat(d.allowed()).isFalse();
        assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(50));
        assertThat(d.headers())
                .containsEntry("Retry-After", "1")
                .containsEntry("RateLimit", "\"burst\";r=0;t=2, \"day\";r=9960;t=346");
        assertThat(d.headers().keySet()).containsExactly("RateLimit-Policy", "RateLimit", "Retry-After");
    }

    @Test
    void dailyLimitDrivesRetryAfterWhenItBinds() {
        KeyedRateLimiter<String> daily = RateLimiters.builder()
                .limit(Limit.perDay(2).named("day"))
                .timeSource(time)
                .buildKeyed();
        daily.tryAcquire("k", 2);
        Decision d = daily.tryAcquire("k");
        assertThat(d.headers().get("Retry-After")).isEqualTo("43200");
        assertThat(d.headers().get("RateLimit")).isEqualTo("\"day\";r=0;t=86400");
    }

    @Test
    void outageDecisionsWithoutStatusesCarryOnlyRetryAfter() {
        Decision open = new Decision(true, 1, List.of(), Duration.ZERO, Decision.Source.FAIL_OPEN);
        assertThat(open.headers()).isEmpty();
        assertThat(open.remaining()).isZero();
        assertThat(open.binding()).isNull();
        Decision closed = new Decision(false, 1, List.of(), Duration.ofMillis(1500), Decision.Source.FAIL_CLOSED);
        assertThat(closed.headers()).containsExactly(entry("Retry-After", "2"));
    }

    @Test
    void inconsistentDecisionsCannotBeBuilt() {
        assertThatThrownBy(() -> new Decision(true, 1, List.of(), Duration.ofSeconds(1), Decision.Source.LIMITER))
                .hasMessageContaining("an admitted decision cannot have retryAfter");
        assertThatThrownBy(() -> new Decision(false, 1, List.of(), Duration.ZERO, Decision.Source.LIMITER))
                .hasMessageContaining("a refused decision cannot have retryAfter");
        assertThatThrownBy(() -> new Decision(true, 0, List.of(), Duration.ZERO, Decision.Source.LIMITER))
                .hasMessageContaining("cost must be at least 1");
        assertThatThrownBy(() -> new LimitStatus(Limit.perSecond(1), -1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("negative status");
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
