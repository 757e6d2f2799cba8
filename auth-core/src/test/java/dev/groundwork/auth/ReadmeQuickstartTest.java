package dev.groundwork.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.auth.password.PasswordHasher;
import dev.groundwork.testing.ReadmeSnippets;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstarts, each block exactly as printed (checked line for line by {@link ReadmeSnippets}), with
 * the names they use (a token, a logger, handlers) defined around them, compiled on Java 17 and run.
 */
class ReadmeQuickstartTest {
    private final List<Object> handled = new ArrayList<>();
    private final System.Logger log = System.getLogger(ReadmeQuickstartTest.class.getName());

    @Test
    void theTestsHoldEveryJavaBlockOfTheReadme() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"), Path.of("src/test/java/dev/groundwork/auth/ReadmeQuickstartTest.java")))
                .isEqualTo(4);
    }

    @Test
    void verifyTokensFromAnIdentityProvider() {
        String token = "eyJhbGciOiJub25lIn0.e30.";

        URI jwks = URI.create("https://id.example.com/.well-known/jwks.json");
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer("https://id.example.com", KeySource.remoteJwks(jwks))
                .audience("orders-api")
                .algorithms(JwsAlgorithm.RS256, JwsAlgorithm.ES256)
                .build();

        VerificationOutcome verification = verifier.verify(token);
        if (verification instanceof VerificationOutcome.Verified verified) {
            handle(verified.token().subject(), verified.token().scopes());
        } else if (verification instanceof VerificationOutcome.Rejected rejected) {
            log.log(Level.INFO, "token rejected: {0} ({1})", rejected.reason(), rejected.detail());
        }

        // An unsigned token is refused before any key is fetched.
        assertThat(verification)
                .isEqualTo(new VerificationOutcome.Rejected(VerificationOutcome.Reason.WRONG_ISSUER, "no iss claim"));
        assertThat(handled).isEmpty();
    }

    @Test
    void issueYourOwnTokens() {
        char[] attempt = "s3cret!".toCharArray();
        String storedHash = PasswordHasher.owaspDefault().hash("s3cret!".toCharArray());
        RevocationList revocations = RevocationList.inMemory(Clock.systemUTC(), 100_000);

        KeyRing keys = KeyRing.of(SigningKey.generate(JwsAlgorithm.ES256));
        TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", keys)
                .audience("orders-api")
                .build();

        // Login: check the password, then issue an access token and a refresh token.
        PasswordHasher passwords = PasswordHasher.owaspDefault();
        PasswordHasher.Match match = passwords.verify(attempt, storedHash);
        if (match.matches()) {
            TokenPair tokens = issuer.issue("alice", List.of("orders:read"));
            send(tokens);
        }

        TokenPair login = (TokenPair) handled.get(0);
        String refreshToken = login.refreshToken();

        // Refresh: the old refresh token is used up; presenting it again revokes the whole family.
        RefreshOutcome outcome = issuer.refresh(refreshToken);
        if (outcome instanceof RefreshOutcome.Refreshed refreshed) {
            send(refreshed.tokens());
        } else if (outcome instanceof RefreshOutcome.Rejected rejected) {
            sendInvalidGrant(rejected.reason()); // UNKNOWN, EXPIRED, REUSED, REVOKED
        } else {
            sendUnavailable(); // the token store did not answer: 503, the client retries
        }

        // Verify our own tokens in this process, and publish the public keys for other services.
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer("https://auth.example.com", keys.verificationKeys())
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .revocation(revocations) // RevocationList.inMemory(clock, 100_000): revoke by jti
                .build();
        String jwks = keys.jwksJson(); // serve at /.well-known/jwks.json

        assertThat(handled).hasSize(2).allMatch(TokenPair.class::isInstance);
        TokenPair refreshed = (TokenPair) handled.get(1);
        assertThat(verifier.verify(refreshed.accessToken()).isVerified()).isTrue();
        assertThat(issuer.refresh(refreshToken)).isEqualTo(new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED));
        assertThat(jwks).contains(keys.active().keyId());
    }

    @Test
    void protectAHandler() throws IOException, InterruptedException {
        SigningKey key = SigningKey.generate(JwsAlgorithm.ES256);
        TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", key)
                .audience("orders-api")
                .build();
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer("https://auth.example.com", issuer.verificationKeys())
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .build();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);

        BearerAuthenticator auth =
                BearerAuthenticator.builder(verifier).realm("orders").build();

        server.createContext("/orders", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            AuthOutcome outcome = auth.authenticate(header, "orders:read");
            if (outcome instanceof AuthOutcome.Authenticated authenticated) {
                String who = authenticated.token().subject().orElse("?");
                respond(exchange, 200, "hello " + who);
            } else if (outcome instanceof AuthOutcome.Challenge challenge) {
                challenge.headers().forEach(exchange.getResponseHeaders()::add);
                exchange.sendResponseHeaders(challenge.status(), -1);
                exchange.close();
            }
        });

        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
            HttpResponse<String> ok = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + issuer.accessToken("alice", List.of("orders:read")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> none =
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("hello alice");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"orders\"");
        } finally {
            server.stop(0);
        }
    }

    private void handle(java.util.Optional<String> subject, Set<String> scopes) {
        handled.add(subject + " " + scopes);
    }

    private void send(TokenPair tokens) {
        handled.add(tokens);
    }

    private void sendUnavailable() {
        throw new AssertionError("the in-memory store always answers");
    }

    private void sendInvalidGrant(RefreshOutcome.Reason reason) {
        handled.add(reason);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
