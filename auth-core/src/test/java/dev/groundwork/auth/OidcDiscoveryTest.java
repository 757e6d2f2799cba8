package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.groundwork.testing.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OIDC discovery against a real HttpServer: the configuration document leads to the JWKS. */
class OidcDiscoveryTest {
    private final TestClock clock = TestClock.at(NOW);
    private final KeyRing ring =
            KeyRing.builder(SigningKey.generate(JwsAlgorithm.ES256)).build();
    private final AtomicReference<String> configuration = new AtomicReference<>();
    private final AtomicInteger configurationRequests = new AtomicInteger();
    private HttpServer server;
    private String issuer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/acme";
        configuration.set("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}");
        server.createContext("/realms/acme/.well-known/openid-configuration", exchange -> {
            configurationRequests.incrementAndGet();
            respond(exchange, configuration.get());
        });
        server.createContext("/realms/acme/certs", exchange -> respond(exchange, ring.jwksJson()));
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private JwtVerifier verifier() {
        return JwtVerifier.builder()
                .issuer(
                        issuer,
                        KeySource.oidcDiscovery(
                                issuer, JwksOptions.builder().clock(clock).build()))
                .audience("api")
                .algorithms(JwsAlgorithm.ES256)
                .clock(clock)
                .build();
    }

    private String token() {
        return TokenIssuer.builder(issuer, ring)
                .audience("api")
                .clock(clock)
                .build()
                .accessToken("alice", List.of());
    }

    @Test
    void findsTheKeysThroughTheDiscoveryDocumentOnce() {
        JwtVerifier verifier = verifier();

        assertThat(verifier.verify(token()).isVerified()).isTrue();
        assertThat(verifier.verify(token()).isVerified()).isTrue();
        assertThat(configurationRequests).hasValue(1);
    }

    @Test
    void refusesADocumentThatNamesAnotherIssuer() {
        configuration.set("{\"issuer\":\"https://evil.example.com\",\"jwks_uri\":\"" + issuer + "/certs\"}");

        VerificationOutcome verification = verifier().verify(token());

        assertThat(((VerificationOutcome.Rejected) verification).reason())
                .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(((VerificationOutcome.Rejected) verification).detail()).contains("another issuer");
    }

    @Test
    void retriesAFailedDiscoveryAfterTheCooldown() {
        configuration.set("{\"issuer\":\"" + issuer + "\"}");
        JwtVerifier verifier = verifier();
        assertThat(((VerificationOutcome.Rejected) verifier.verify(token())).reason())
                .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(((VerificationOutcome.Rejected) verifier.verify(token())).reason())
                .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(configurationRequests).hasValue(1);

        configuration.set("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}");
        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(token()).isVerified()).isTrue();
        assertThat(configurationRequests).hasValue(2);
    }

    @Test
    void refusesUnsafeIssuersAndJwksUris() {
        assertThatThrownBy(() -> KeySource.oidcDiscovery("http://id.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySource.oidcDiscovery("not a url")).isInstanceOf(IllegalArgumentException.class);
        configuration.set("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"http://keys.example.com/certs\"}");
        assertThat(((VerificationOutcome.Rejected) verifier().verify(token())).reason())
                .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        configuration.set("[\"not an object\"]");
        clock.advance(Duration.ofMinutes(1));
        assertThat(((VerificationOutcome.Rejected) verifier().verify(token())).reason())
                .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
    }
}
