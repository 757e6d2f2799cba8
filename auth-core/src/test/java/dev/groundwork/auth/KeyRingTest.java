package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.groundwork.auth.internal.KeyLookup;
import dev.groundwork.testing.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final String ISSUER = "https://auth.example.com";
    private final TestClock clock = TestClock.at(NOW);

    private JwtVerifier verifier(KeySource keys) {
        return JwtVerifier.builder()
                .issuer(ISSUER, keys)
                .audience("api")
                .algorithms(JwsAlgorithm.ES256, JwsAlgorithm.HS256)
                .clock(clock)
                .build();
    }

    private TokenIssuer issuer(KeyRing ring) {
        return TokenIssuer.builder(ISSUER, ring)
                .audience("api")
                .clock(clock)
                .accessTokenTtl(Duration.ofMinutes(10))
                .build();
    }

    private static String kid(String token) {
        String header =
                new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void rotationKeepsOldTokensValidForTheRetentionThenDropsThem() {
        SigningKey first = SigningKey.generate(JwsAlgorithm.ES256);
        SigningKey second = SigningKey.generate(JwsAlgorithm.ES256);
        KeyRing ring = KeyRing.builder(first)
                .clock(clock)
                .retainRetiredFor(Duration.ofMinutes(20))
                .build();
        TokenIssuer issuer = issuer(ring);
        JwtVerifier verifier = verifier(ring.verificationKeys());
        String before = issuer.accessToken("alice", List.of());

        ring.rotate(second);
        String after = issuer.accessToken("alice", List.of());

        assertThat(kid(before)).isEqualTo(first.keyId());
        assertThat(kid(after)).isEqualTo(second.keyId());
        assertThat(verifier.verify(before).isVerified()).isTrue();
        assertThat(verifier.verify(after).isVerified()).isTrue();

        clock.advance(Duration.ofMinutes(21));
        // The old key is gone (its tokens would have expired anyway after 10 minutes).
        assertThat(ring.jwksJson()).doesNotContain(first.keyId()).contains(second.keyId());
        assertThat(ring.verificationKeys().lookup(first.keyId(), JwsAlgorithm.ES256))
                .isInstanceOf(KeyLookup.NoMatch.class);
    }

    @Test
    void publishedKeysVerifyBeforeTheySign() {
        SigningKey first = SigningKey.generate(JwsAlgorithm.ES256);
        SigningKey next = SigningKey.generate(JwsAlgorithm.ES256);
        KeyRing ring = KeyRing.builder(first).clock(clock).build();

        ring.publish(next);

        assertThat(ring.active()).isSameAs(first);
        assertThat(ring.jwksJson()).contains(first.keyId(), next.keyId());
        ring.activate(next.keyId());
        assertThat(ring.active()).isSameAs(next);
        assertThat(ring.jwksJson()).contains(first.keyId(), next.keyId());
    }

    @Test
    void servesItsJwksToARemoteVerifier() throws IOException {
        KeyRing ring = KeyRing.builder(SigningKey.generate(JwsAlgorithm.ES256))
                .clock(clock)
                .build();
        TokenIssuer issuer = issuer(ring);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = ring.jwksJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
            JwtVerifier remote = verifier(
                    KeySource.remoteJwks(uri, JwksOptions.builder().clock(clock).build()));

            assertThat(remote.verify(issuer.accessToken("alice", List.of())).isVerified())
                    .isTrue();
            // After a rotation the unknown kid triggers one refresh and the new key is found.
            ring.rotate(SigningKey.generate(JwsAlgorithm.ES256));
            assertThat(remote.verify(issuer.accessToken("alice", List.of())).isVerified())
                    .isTrue();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void neverPublishesHmacSecretsAndRefusesConfusion() {
        SigningKey hmac = SigningKey.generate(JwsAlgorithm.HS256);
        KeyRing ring = KeyRing.builder(hmac).clock(clock).build();
        SigningKey other = SigningKey.generate(JwsAlgorithm.ES256);

        assertThat(ring.jwksJson()).isEqualTo("{\"keys\":[]}");
        assertThat(verifier(ring.verificationKeys())
                        .verify(issuer(ring).accessToken("alice", List.of()))
                        .isVerified())
                .isTrue();
        assertThatThrownBy(() -> ring.publish(hmac)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.activate(other.keyId())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyRing.builder(hmac).retainRetiredFor(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
