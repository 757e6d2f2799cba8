package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.groundwork.testing.ReadmeSnippets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README's code, exactly as printed (checked by {@link ReadmeSnippets}), run over real HTTP. */
class ReadmeQuickstartTest {

    @Test
    void theTestsHoldEveryJavaBlockOfTheReadme() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"),
                        Path.of("src/test/java/dev/groundwork/ratelimit/ReadmeQuickstartTest.java")))
                .isEqualTo(2);
    }

    private final ConcurrencyLimiter<String> reports = ConcurrencyLimiter.of(2);
    private final List<String> ran = new ArrayList<>();

    /** The concurrency quickstart, as a handler would hold it. */
    private String report(String userId) {
        Optional<ConcurrencyLimiter.Permit> permit = reports.tryAcquire(userId);
        if (permit.isEmpty()) {
            return tooManyRequests();
        }
        ConcurrencyLimiter.Permit held = permit.get(); // closing it gives the slot back
        try (held) {
            return runReport(userId);
        }
    }

    private String tooManyRequests() {
        return "429";
    }

    private String runReport(String userId) {
        ran.add(userId);
        // A report that starts a nested one while holding its permit: the third concurrent one is refused.
        return ran.size() < 3 ? report(userId) : "done";
    }

    @Test
    void limitsConcurrentReportsPerUser() {
        assertThat(report("alice")).isEqualTo("429");
        assertThat(ran).containsExactly("alice", "alice");
        assertThat(report("alice")).isEqualTo("done");
        assertThat(reports.tryAcquire("alice")).isPresent();
    }

    @Test
    void answers429WithTheHeadersOnceTheBurstIsSpent() throws IOException, InterruptedException {
        int port = 0; // any free port here; 8080 in the README's prose

        KeyedRateLimiter<String> perClient = RateLimiter.builder()
                .limit(Limit.perSecond(20).burst(40).named("burst"))
                .limit(Limit.perDay(10_000).named("daily"))
                .buildKeyed();

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/api", exchange -> {
            String client = exchange.getRequestHeaders().getFirst("X-Api-Key");
            Decision decision = perClient.tryAcquire(client == null ? "anonymous" : client);
            decision.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(decision.allowed() ? 200 : 429, -1);
            exchange.close();
        });
        server.start();

        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.getAddress().getPort() + "/api"))
                    .header("X-Api-Key", "client-7")
                    .build();
            List<HttpResponse<Void>> responses = new ArrayList<>();
            // Until the first 429: 40 at once, plus one more for every 50 ms the loop takes.
            while (responses.size() < 1_000
                    && (responses.isEmpty()
                            || responses.get(responses.size() - 1).statusCode() == 200)) {
                responses.add(http.send(request, HttpResponse.BodyHandlers.discarding()));
            }
            long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
            assertThat(ok).isGreaterThanOrEqualTo(40).isLessThan(1_000);
            HttpResponse<Void> refused = responses.stream()
                    .filter(r -> r.statusCode() == 429)
                    .findFirst()
                    .orElseThrow();
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("RateLimit-Policy"))
                    .hasValue("\"burst\";q=40;w=2, \"daily\";q=10000;w=86400");
            assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"burst\";r=0;t=2");
            assertThat(responses.get(0).headers().firstValue("RateLimit").orElseThrow())
                    .startsWith("\"burst\";r=39;t=1, \"daily\";r=9999;t=9");
        } finally {
            server.stop(0);
        }
    }
}
