package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header fields a decision implies (draft-ietf-httpapi-ratelimit-headers and RFC 9110 Retry-After). */
class DecisionHeadersTest {

    private final ManualTimeSource time = ManualTimeSource.startingAt(0);
    private final KeyedRateLimiter<String> limiter = RateLimiter.builder()
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
        KeyedRateLimiter<String> daily = RateLimiter.builder()
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

    /**
     * Issue 10.7: the headers of random plans, read by a strict RFC 9651 parser. Quotas and bursts range up to
     * {@link Limit#MAX_UNITS} over every algorithm and window length, decisions are taken at random costs and
     * times, and every field must parse with one member per limit carrying q and w, or r and t.
     */
    @Test
    void headersOfRandomPlansAreValidStructuredFields() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9651);
        int plans = 0;
        while (plans < 400) {
            RateLimiter.Builder builder = RateLimiter.builder().timeSource(time);
            int count = 1 + random.nextInt(3);
            List<Limit> limits = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    Limit limit = randomLimit(random, "l" + i);
                    limits.add(limit);
                    builder.limit(limit);
                }
            } catch (IllegalArgumentException refusedByValidation) {
                continue;
            }
            plans++;
            KeyedRateLimiter<String> plan = builder.buildKeyed();
            long capacity = limits.stream().mapToLong(Limit::capacity).min().orElseThrow();
            for (int step = 0; step < 8; step++) {
                long cost = 1 + (long) (random.nextDouble() * Math.min(capacity, 1L << random.nextInt(62)));
                Decision d = plan.tryAcquire("k", Math.max(1, Math.min(cost, capacity)));
                checkHeaders(d, limits.size());
                time.advanceNanos((long) Math.pow(10, random.nextInt(16)));
            }
        }
    }

    @Test
    void theLargestLimitsStateValidHeadersAndLargerOnesAreRefused() {
        Limit largest = Limit.of(Limit.MAX_UNITS, Duration.ofDays(12)).named("huge");
        Decision d = RateLimiter.builder()
                .limit(largest)
                .timeSource(time)
                .buildKeyed()
                .tryAcquire("k", 1);
        checkHeaders(d, 1);
        assertThat(d.headers().get("RateLimit-Policy")).isEqualTo("\"huge\";q=999999999999999;w=2000000");
        assertThatThrownBy(() -> Limit.of(Limit.MAX_UNITS + 1, Duration.ofDays(12)))
                .hasMessageContaining("at most 999999999999999");
        assertThatThrownBy(() -> Limit.perSecond(1_000_000_000L).burst(Limit.MAX_UNITS + 1))
                .hasMessageContaining("at most 999999999999999");
        // The outside suite's plan: 10^15 per 12 days.
        assertThatThrownBy(() -> Limit.of(1_000_000_000_000_000L, Duration.ofDays(12)))
                .isInstanceOf(IllegalArgumentException.class);
        // A status built by hand beyond what any limit allows is stated as the maximum, not as a broken field.
        Decision handmade = new Decision(
                false,
                1,
                List.of(new LimitStatus(
                        Limit.perSecond(1), Long.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(1))),
                Duration.ofSeconds(Long.MAX_VALUE),
                Decision.Source.LIMITER);
        checkHeaders(handmade, 1);
        assertThat(handmade.headers().get("RateLimit")).isEqualTo("\"1-per-1s\";r=999999999999999;t=999999999999999");
    }

    private static Limit randomLimit(java.util.SplittableRandom random, String name) {
        Duration window = Duration.ofNanos(Math.max(1_000_000L, (long) Math.pow(10, 6 + random.nextDouble() * 10.5)));
        long quota = Math.max(1, (long) Math.pow(10, random.nextDouble() * 15.2));
        Limit limit = Limit.of(quota, window).named(name);
        return switch (random.nextInt(4)) {
            case 0 -> limit.fixedWindow();
            case 1 -> limit.slidingWindow();
            case 2 -> limit.burst(Math.max(1, (long) Math.pow(10, random.nextDouble() * 15.2)));
            default -> limit;
        };
    }

    private static void checkHeaders(Decision d, int limits) {
        java.util.Map<String, String> headers = d.headers();
        for (String field : List.of("RateLimit-Policy", "RateLimit")) {
            List<StructuredFields.Item> members = StructuredFields.parseList(headers.get(field));
            assertThat(members).as(field).hasSize(limits);
            for (StructuredFields.Item member : members) {
                assertThat(member.value()).isInstanceOf(String.class);
                java.util.Set<String> keys =
                        field.equals("RateLimit") ? java.util.Set.of("r", "t") : java.util.Set.of("q", "w");
                assertThat(member.parameters().keySet()).isEqualTo(keys);
                member.parameters().values().forEach(v -> assertThat(v).isInstanceOf(Long.class));
            }
        }
        if (!d.allowed()) {
            assertThat(headers.get("Retry-After")).matches("[0-9]{1,15}");
        }
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
