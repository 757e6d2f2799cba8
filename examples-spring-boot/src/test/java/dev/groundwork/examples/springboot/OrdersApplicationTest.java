package dev.groundwork.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.KeyRing;
import dev.groundwork.auth.SigningKey;
import dev.groundwork.auth.TokenIssuer;
import dev.groundwork.testing.ReadmeSnippets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot application over real HTTP: Tomcat in front, Groundwork's authenticator and limiter in a servlet
 * filter, the cache in a service, and an identity provider's JWKS served by a JDK {@code HttpServer}.
 */
class OrdersApplicationTest {
    private static final String ISSUER = "https://id.example.test";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpServer identityProvider;
    private static ConfigurableApplicationContext application;
    private static TokenIssuer tokens;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        KeyRing keys = KeyRing.of(SigningKey.generate(JwsAlgorithm.ES256));
        tokens = TokenIssuer.builder(ISSUER, keys).audience("orders-api").build();
        identityProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identityProvider.createContext("/jwks", exchange -> {
            byte[] body = keys.jwksJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityProvider.start();
        String jwks = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks";
        application = new SpringApplicationBuilder(OrdersApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--orders.issuer=" + ISSUER,
                        "--orders.jwks-uri=" + jwks,
                        "--orders.requests-per-minute=3");
        int port = ((ServletWebServerApplicationContext) application)
                .getWebServer()
                .getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        application.close();
        identityProvider.stop(0);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String subject, String... scopes) {
        return "Bearer " + tokens.accessToken(subject, List.of(scopes));
    }

    @Test
    void aRequestWithoutATokenGetsTheBearerChallenge() throws Exception {
        HttpResponse<String> response = get("/api/prices/apple", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"orders\"");
    }

    @Test
    void badTokensAreRefusedWithTheirReasonAndNeverReachTheController() throws Exception {
        assertThat(get("/api/prices/apple", "Bearer not.a.token").statusCode()).isEqualTo(401);
        assertThat(get("/api/prices/apple", "Bearer " + "a".repeat(7_000)).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/prices/apple", "Bearer " + "a".repeat(20_000)).statusCode())
                .as("Tomcat refuses a header over its 8 KiB limit before any filter runs")
                .isEqualTo(400);
        assertThat(get("/api/prices/apple", "Basic YWxpY2U6c2VjcmV0").statusCode())
                .isEqualTo(401);
        assertThat(get("/api/prices/apple", "Bearer").statusCode()).isEqualTo(400);
        HttpResponse<String> wrongScope = get("/api/prices/apple", bearer("carol", "orders:write"));
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(wrongScope.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("error=\"insufficient_scope\""));
    }

    @Test
    void aValidTokenReachesTheControllerWithItsSubjectAndTheLimitHeaders() throws Exception {
        HttpResponse<String> response = get("/api/prices/apple", bearer("alice", "orders:read"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"price\":120").contains("\"for\":\"alice\"");
        assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"api\";q=3;w=60");
        assertThat(response.headers().firstValue("RateLimit")).isPresent();
    }

    @Test
    void theFourthRequestOfTheMinuteIsRefusedWithRetryAfter() throws Exception {
        String dave = bearer("dave", "orders:read");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/prices/apple", dave).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get("/api/prices/apple", dave);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(get("/api/prices/apple", bearer("erin", "orders:read")).statusCode())
                .as("another subject has its own limit")
                .isEqualTo(200);
    }

    @Test
    void theServiceLoadsEachPriceOnceAndAnswersUnknownOnesWith404() throws Exception {
        PriceService prices = application.getBean(PriceService.class);
        int before = prices.loads();
        assertThat(get("/api/prices/pear", bearer("frank", "orders:read")).body())
                .contains("\"price\":95");
        assertThat(get("/api/prices/pear", bearer("grace", "orders:read")).body())
                .contains("\"price\":95");
        assertThat(get("/api/prices/plum", bearer("heidi", "orders:read")).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/prices/plum", bearer("ivan", "orders:read")).statusCode())
                .isEqualTo(404);
        assertThat(prices.loads() - before)
                .as("one load for pear, one for plum")
                .isEqualTo(2);
    }

    @Test
    void springBootsBomNotGroundworksDecidesTheLibrariesTheyShare() {
        // Spring Boot 3.5.7 manages Caffeine 3.2.2 and Groundwork ships 3.3.1: groundwork-bom pins only its modules.
        assertThat(Caffeine.class.getPackage().getImplementationVersion()).isEqualTo("3.2.2");
    }

    @Test
    void theModuleReadmesPrintThisApplicationsCode() throws IOException {
        Path sources = Path.of("src/main/java/dev/groundwork/examples/springboot");
        Path[] application;
        try (var files = Files.list(sources)) {
            application = files.sorted().toArray(Path[]::new);
        }
        for (String module : List.of("auth-core", "ratelimit-core", "cache-core")) {
            assertThat(ReadmeSnippets.assertPrinted(Path.of("..", module, "README.md"), "spring-boot", application))
                    .as(module)
                    .isPositive();
        }
    }
}
