package dev.groundwork.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README quickstart as printed (port 0 instead of 8080), called over real HTTP by the JDK's client. */
class ReadmeQuickstartTest {

    @Test
    void answers429WithTheHeadersOnceTheBurstIsSpent() throws IOException, InterruptedException {
        KeyedRateLimiter<String> perClient = RateLimiters.builder()
                .limit(Limit.perSecond(20).burst(40).named("burst"))
                .limit(Limit.perDay(10_000).named("daily"))
                .buildKeyed();

        HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
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
