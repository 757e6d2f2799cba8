package dev.groundwork.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSObject;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.KeyRing;
import dev.groundwork.auth.SigningKey;
import dev.groundwork.auth.TokenIssuer;
import dev.groundwork.testing.ReadmeSnippets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Micronaut application over real HTTP: Micronaut's Netty server in front, Groundwork's authenticator and
 * limiter in a server filter, the cache in a service, and the identity provider's JWKS on a JDK {@code HttpServer}.
 */
class OrdersMicronautTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpServer identityProvider;
    private static EmbeddedServer server;
    private static TokenIssuer tokens;

    @BeforeAll
    static void start() throws IOException {
        KeyRing keys = KeyRing.of(SigningKey.generate(JwsAlgorithm.ES256));
        identityProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String issuer = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/realms/orders";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/keys\"}";
        identityProvider.createContext("/realms/orders/.well-known/openid-configuration", json(discovery));
        identityProvider.createContext("/realms/orders/keys", json(keys.jwksJson()));
        identityProvider.start();
        tokens = TokenIssuer.builder(issuer, keys).audience("orders-api").build();
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "micronaut.server.host",
                        "127.0.0.1",
                        "orders.issuer",
                        issuer,
                        "orders.requests-per-minute",
                        2));
    }

    private static HttpHandler json(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        };
    }

    @AfterAll
    static void stop() {
        server.close();
        identityProvider.stop(0);
    }

    private static HttpResponse<String> call(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] as(String subject, String scope) {
        return new String[] {"Authorization", "Bearer " + tokens.accessToken(subject, List.of(scope))};
    }

    @Test
    void theFilterAnswersEveryChallengeBeforeTheController() throws Exception {
        HttpResponse<String> none = call("/api/rates/EUR");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"orders\"");
        assertThat(call("/api/rates/EUR", "Authorization", "Bearer ey.J.x").statusCode())
                .isEqualTo(401);
        assertThat(call("/api/rates/EUR", "Authorization", "Bearer " + "x".repeat(7_000))
                        .statusCode())
                .isEqualTo(401);
        assertThat(call("/api/rates/EUR", "Authorization", "Bearer " + "x".repeat(10_000))
                        .statusCode())
                .as("Micronaut's Netty refuses headers over its 8 KiB limit before any filter runs")
                .isEqualTo(413);
        assertThat(call("/api/rates/EUR", "Authorization", "Bearer").statusCode())
                .isEqualTo(400);
        assertThat(call("/api/rates/EUR", as("mallory", "rates:admin")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aCallerGetsItsRateWithTheLimitHeadersUntilItsQuotaIsSpent() throws Exception {
        HttpResponse<String> first = call("/api/rates/USD", as("alice", "orders:read"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"rate\":1.08").contains("\"for\":\"alice\"");
        assertThat(first.headers().firstValue("RateLimit-Policy"))
                .hasValue("\"api\";q=2;w=60, \"daily\";q=50000;w=86400");
        assertThat(call("/api/rates/USD", as("alice", "orders:read")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> third = call("/api/rates/USD", as("alice", "orders:read"));
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(call("/api/rates/USD", as("bob", "orders:read")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void eachRateIsLoadedOnceAndAnUnknownCurrencyIs404() throws Exception {
        RatesService rates = server.getApplicationContext().getBean(RatesService.class);
        int before = rates.loads();
        assertThat(call("/api/rates/EUR", as("carol", "orders:read")).body()).contains("\"rate\":1.00");
        assertThat(call("/api/rates/EUR", as("dave", "orders:read")).body()).contains("\"rate\":1.00");
        assertThat(call("/api/rates/XXX", as("erin", "orders:read")).statusCode())
                .isEqualTo(404);
        assertThat(rates.loads() - before).isEqualTo(2);
    }

    @Test
    void micronautsBomNotGroundworksDecidesTheLibrariesTheyShare() {
        // Micronaut 4.10.8 manages Caffeine 3.2.1 and nimbus-jose-jwt 10.5; Groundwork ships 3.3.1 and 10.10:
        // groundwork-bom pins only its own modules.
        assertThat(Caffeine.class.getPackage().getImplementationVersion()).isEqualTo("3.2.1");
        assertThat(JWSObject.class.getPackage().getImplementationVersion()).isEqualTo("10.5");
    }

    @Test
    void theModuleReadmesPrintThisApplicationsCode() throws IOException {
        Path[] application;
        try (var files = Files.list(Path.of("src/main/java/dev/groundwork/examples/micronaut"))) {
            application = files.sorted().toArray(Path[]::new);
        }
        for (String module : List.of("auth-core", "ratelimit-core", "cache-core")) {
            assertThat(ReadmeSnippets.assertPrinted(Path.of("..", module, "README.md"), "micronaut", application))
                    .as(module)
                    .isPositive();
        }
    }
}
