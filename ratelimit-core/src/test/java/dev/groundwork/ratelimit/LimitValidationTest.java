package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nonsensical limits and builders are refused when built, with the bad value in the message. */
class LimitValidationTest {

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void refusesQuotaBelowOne(long quota) {
        assertThatThrownBy(() -> Limit.perSecond(quota))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quota")
                .hasMessageContaining(Long.toString(quota));
    }

    @Test
    void refusesAbsurdWindows() {
        assertThatThrownBy(() -> Limit.of(1, Duration.ZERO)).hasMessageContaining("between 1 ms and 366 days");
        assertThatThrownBy(() -> Limit.of(1, Duration.ofNanos(999_999))).hasMessageContaining("PT0.000999999S");
        assertThatThrownBy(() -> Limit.of(1, Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> Limit.of(1, Duration.ofDays(367))).hasMessageContaining("PT8808H");
        assertThatThrownBy(() -> Limit.of(1, Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Limit.of(1, Duration.ofDays(366)).window()).isEqualTo(Duration.ofDays(366));
        assertThat(Limit.of(1, Duration.ofMillis(1)).name()).isEqualTo("1-per-1ms");
    }

    @Test
    void refusesRatesAboveOnePerNanosecond() {
        assertThatThrownBy(() -> Limit.perSecond(1_000_000_001L)).hasMessageContaining("more than one per nanosecond");
        assertThat(Limit.perSecond(1_000_000_000L).emissionIntervalNanos()).isEqualTo(1);
    }

    @Test
    void refusesBadBursts() {
        assertThatThrownBy(() -> Limit.perSecond(10).burst(0))
                .hasMessageContaining("burst of limit '10-per-1s' must be at least 1, got 0");
        assertThatThrownBy(() -> Limit.perSecond(10).burst(-3)).hasMessageContaining("got -3");
        assertThatThrownBy(() -> Limit.perDay(1).burst(4000)).hasMessageContaining("more than ten years to refill");
        assertThatThrownBy(() -> Limit.perSecond(10).burst(Long.MAX_VALUE)).hasMessageContaining("ten years");
        assertThatThrownBy(() -> Limit.perSecond(10).burst(5).fixedWindow()).hasMessageContaining("no separate burst");
        assertThatThrownBy(() -> Limit.perSecond(10).slidingWindow().burst(5)).hasMessageContaining("SLIDING_WINDOW");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "has space",
                "quote\"",
                "semi;colon",
                "comma,",
                "ünïcode",
                "new\nline",
                "01234567890123456789012345678901234567890123456789012345678901234"
            })
    void refusesNamesThatNeedEscapingInHeadersOrRedisKeys(String name) {
        assertThatThrownBy(() -> Limit.perSecond(1).named(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit name must be 1-64 characters");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> Limit.perSecond(1).named(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Limit.of(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Limit("x", 1, Duration.ofSeconds(1), 1, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RateLimiter.builder().limit(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RateLimiter.builder().timeSource(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RateLimiter.builder().listener(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultNamesDescribeTheLimit() {
        assertThat(Limit.perSecond(20).name()).isEqualTo("20-per-1s");
        assertThat(Limit.perMinute(100).name()).isEqualTo("100-per-1m");
        assertThat(Limit.perHour(5).name()).isEqualTo("5-per-1h");
        assertThat(Limit.perDay(10_000).name()).isEqualTo("10000-per-1d");
        assertThat(Limit.of(7, Duration.ofMillis(1500)).name()).isEqualTo("7-per-1500ms");
        assertThat(Limit.of(7, Duration.ofNanos(1_500_001)).name()).isEqualTo("7-per-1500001ns");
    }

    @Test
    void buildersRefuseEmptyOrAmbiguousPlans() {
        assertThatThrownBy(() -> RateLimiter.builder().build()).hasMessageContaining("at least one limit");
        assertThatThrownBy(() -> RateLimiter.builder().buildKeyed()).hasMessageContaining("at least one limit");
        assertThatThrownBy(() -> RateLimiter.builder()
                        .limit(Limit.perSecond(1))
                        .limit(Limit.perSecond(1))
                        .build())
                .hasMessageContaining("two limits are named '1-per-1s'");
        assertThatThrownBy(() -> RateLimiter.builder().maxKeys(0)).hasMessageContaining("maxKeys must be at least 1");
        assertThatThrownBy(() -> RateLimiter.builder().name(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> ConcurrencyLimiter.of(0)).hasMessageContaining("maxInFlight must be at least 1");
    }

    @Test
    void timeToFullIsWhatEvictionWaitsFor() {
        assertThat(Limit.perSecond(20).burst(40).timeToFullNanos()).isEqualTo(2_000_000_000L);
        assertThat(Limit.perMinute(3).fixedWindow().timeToFullNanos()).isEqualTo(60_000_000_000L);
        assertThat(Limit.perMinute(3).slidingWindow().timeToFullNanos()).isEqualTo(120_000_000_000L);
    }

    @Test
    void manualClockCannotGoBack() {
        ManualTimeSource time = ManualTimeSource.startingAt(0);
        assertThatThrownBy(() -> time.advance(Duration.ofNanos(-1))).hasMessageContaining("cannot go back");
        assertThat(time.nanoTime()).isZero();
    }
}
