package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.testing.ReadmeSnippets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every Javadoc example of ratelimit-core, exactly as the documentation prints it (checked by
 * {@link ReadmeSnippets#assertJavadocPrinted}), compiled and run. Regions name the type whose Javadoc shows them.
 */
class JavadocExamplesTest {

    /** A stand-in for a metrics registry. */
    static final class Registry {
        final Map<String, Integer> counts = new HashMap<>();

        Counter counter(String name, String tag, String value) {
            return () -> counts.merge(name + "{" + tag + "=" + value + "}", 1, Integer::sum);
        }
    }

    /** A stand-in for a metrics counter. */
    interface Counter {
        void increment();
    }

    /** A stand-in for an HTTP response. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();

        void setStatus(int status) {
            this.status = status;
        }

        void setHeader(String name, String value) {
            headers.put(name, value);
        }
    }

    private final Registry registry = new Registry();
    private final Response response = new Response();
    private int reports;
    private int partnerCalls;

    @Test
    void theTestHoldsEveryJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/ratelimit/JavadocExamplesTest.java")))
                .isEqualTo(8);
    }

    @Test
    void limitsAndListeners() {
        // region Limit
        Limit burst = Limit.perSecond(20).burst(40); // 20/s sustained, 40 at once, named "20-per-1s"
        Limit daily = Limit.perDay(10_000).named("daily"); // a bucket of 10 000 refilled over a day
        Limit sliding = Limit.perMinute(100).slidingWindow(); // 100 in any minute, estimated from two windows
        // endregion

        // region RateLimitListener
        RateLimitListener metrics = new RateLimitListener() {
            @Override
            public void onRefused(Object key, long cost, Limit refusedBy) {
                registry.counter("ratelimit.refused", "limit", refusedBy.name()).increment();
            }
        };
        // endregion

        KeyedRateLimiter<String> limiter = RateLimiter.builder()
                .limit(burst)
                .limit(daily)
                .limit(sliding)
                .listener(metrics)
                .buildKeyed();
        assertThat(limiter.tryConsume("k", 40)).isTrue();
        assertThat(limiter.tryConsume("k")).isFalse();
        assertThat(burst.name()).isEqualTo("20-per-1s");
        assertThat(registry.counts).containsEntry("ratelimit.refused{limit=20-per-1s}", 1);
    }

    @Test
    void keyedLimitersAndDecisions() {
        String clientId = "client-7";

        // region KeyedRateLimiter
        KeyedRateLimiter<String> perClient = RateLimiter.builder()
                .limit(Limit.perSecond(20).burst(40))
                .limit(Limit.perDay(10_000).named("daily"))
                .buildKeyed();
        // endregion

        for (int i = 0; i < 40; i++) {
            assertThat(perClient.tryConsume(clientId)).isTrue();
        }
        handle(perClient, clientId);
        assertThat(response.status).isEqualTo(429);
        assertThat(response.headers).containsKeys("RateLimit-Policy", "RateLimit", "Retry-After");
    }

    private void handle(KeyedRateLimiter<String> perClient, String clientId) {
        // region Decision
        Decision d = perClient.tryAcquire(clientId);
        d.headers().forEach(response::setHeader); // RateLimit-Policy, RateLimit, and Retry-After when refused
        if (!d.allowed()) {
            response.setStatus(429);
            return;
        }
        // endregion
        response.setStatus(200);
    }

    @Test
    void oneSharedResourceOnAManualClock() {
        // region RateLimiter
        RateLimiter outbound =
                RateLimiter.builder().limit(Limit.perSecond(50).burst(10)).build();
        if (outbound.tryConsume()) {
            callPartner();
        }
        // endregion

        // region ManualTimeSource
        ManualTimeSource time = ManualTimeSource.startingAt(0);
        RateLimiter limiter = RateLimiter.builder()
                .limit(Limit.perSecond(10))
                .timeSource(time)
                .build();
        time.advance(Duration.ofMillis(100)); // one more unit refilled
        // endregion

        assertThat(partnerCalls).isEqualTo(1);
        assertThat(limiter.tryConsume(10)).isTrue();
        assertThat(limiter.tryConsume()).isFalse();
        time.advance(Duration.ofMillis(100));
        assertThat(limiter.tryConsume()).isTrue();
    }

    @Test
    void concurrencyLimits() {
        ConcurrencyLimiter<String> reportsPerUser = ConcurrencyLimiter.of(2);
        report(reportsPerUser, "alice");
        assertThat(reports).isEqualTo(1);
        try (ConcurrencyLimiter.Permit first = reportsPerUser.tryAcquire("bob").orElseThrow();
                ConcurrencyLimiter.Permit second =
                        reportsPerUser.tryAcquire("bob").orElseThrow()) {
            report(reportsPerUser, "bob");
            assertThat(response.status).isEqualTo(429);
            assertThat(first).isNotSameAs(second);
        }
    }

    private void report(ConcurrencyLimiter<String> reports, String userId) {
        // region ConcurrencyLimiter
        Optional<ConcurrencyLimiter.Permit> permit = reports.tryAcquire(userId);
        if (permit.isEmpty()) {
            response.setStatus(429);
            return;
        }
        ConcurrencyLimiter.Permit held = permit.get();
        try (held) {
            runReport();
        }
        // endregion
    }

    private void runReport() {
        reports++;
    }

    private void callPartner() {
        partnerCalls++;
    }
}
