package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.groundwork.testing.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Remote JWKS against a real JDK HttpServer on loopback: caching, rotation, unknown kids, outages, slowness. */
class RemoteJwksTest {
    private static KeyPair first;
    private static KeyPair second;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicReference<CountDownLatch> served = new AtomicReference<>(new CountDownLatch(1));
    private TestClock clock;

    @BeforeAll
    static void keys() {
        first = TestTokens.rsa(2048);
        second = TestTokens.rsa(2048);
    }

    @BeforeEach
    void start() throws IOException {
        clock = TestClock.at(NOW);
        body.set(jwks(jwk("k1", first)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            try {
                hold.get().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            // Counted before the response goes out: a client cannot see this response (and the test cannot swap
            // the latch) before the count, so a late count-down can never open the next test step's latch.
            served.get().countDown();
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        hold.get().countDown();
        server.stop(0);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    private static String jwk(String kid, KeyPair pair) {
        return KeySourceTest.rsaJwk(kid, (RSAPublicKey) pair.getPublic(), "\"alg\":\"RS256\",");
    }

    private static String jwks(String... keys) {
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    private JwtVerifier verifier(JwksOptions.Builder options) {
        return JwtVerifier.builder()
                .issuer(ISSUER, KeySource.remoteJwks(uri(), options.clock(clock).build()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.RS256)
                .clock(clock)
                .build();
    }

    private JwtVerifier verifier() {
        return verifier(JwksOptions.builder().requestTimeout(Duration.ofSeconds(2)));
    }

    /** A token valid for a day from {@link TestTokens#NOW}, so clock moves do not expire it. */
    private static String token(String kid, KeyPair pair) {
        return sign(
                JwsAlgorithm.RS256,
                pair.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}",
                "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + epoch(NOW.plusSeconds(86_400))
                        + "}");
    }

    private static VerificationOutcome.Reason reason(VerificationOutcome verification) {
        assertThat(verification).isInstanceOf(VerificationOutcome.Rejected.class);
        return ((VerificationOutcome.Rejected) verification).reason();
    }

    @Test
    void fetchesOnFirstUseAndCachesForTheTtl() {
        JwtVerifier verifier = verifier();
        assertThat(requests).hasValue(0);

        for (int i = 0; i < 50; i++) {
            assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        }
        clock.advance(Duration.ofMinutes(4));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();

        assertThat(requests).hasValue(1);
    }

    @Test
    @Timeout(30)
    void concurrentFirstUseSharesOneFetch() throws Exception {
        JwtVerifier verifier = verifier();
        hold.set(new CountDownLatch(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<VerificationOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> verifier.verify(token("k1", first))));
            }
            // Let every caller reach the pending fetch before the server answers.
            while (requests.get() == 0) {
                Thread.onSpinWait();
            }
            hold.get().countDown();
            for (Future<VerificationOutcome> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).isVerified()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void rotationIsPickedUpThroughOneRefreshForTheUnknownKid() {
        JwtVerifier verifier = verifier();
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        body.set(jwks(jwk("k1", first), jwk("k2", second)));

        assertThat(verifier.verify(token("k2", second)).isVerified()).isTrue();
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        assertThat(requests).hasValue(2);
    }

    @Test
    void unknownKidsRefreshAtMostOncePerCooldown() {
        JwtVerifier verifier = verifier(JwksOptions.builder().unknownKeyCooldown(Duration.ofSeconds(30)));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();

        for (int i = 0; i < 200; i++) {
            assertThat(reason(verifier.verify(token("random-" + i, second))))
                    .isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
        }
        assertThat(requests).hasValue(2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(reason(verifier.verify(token("random-x", second))))
                .isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
        assertThat(requests).hasValue(3);
    }

    @Test
    void refreshesAheadOfExpiryInTheBackground() throws InterruptedException {
        JwtVerifier verifier =
                verifier(JwksOptions.builder().ttl(Duration.ofMinutes(5)).refreshAhead(Duration.ofSeconds(30)));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        served.set(new CountDownLatch(1));
        body.set(jwks(jwk("k2", second)));

        clock.advance(Duration.ofMinutes(4).plusSeconds(45));
        // Served from the cache while the refresh runs behind.
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        assertThat(served.get().await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(requests).hasValue(2);
    }

    @Test
    void keepsCachedKeysThroughAnOutageForTheToleranceThenFailsTyped() {
        JwtVerifier verifier = verifier(JwksOptions.builder()
                .ttl(Duration.ofMinutes(5))
                .outageTolerance(Duration.ofMinutes(10))
                .unknownKeyCooldown(Duration.ofSeconds(30)));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        server.stop(0);

        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        clock.advance(Duration.ofMinutes(8));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        clock.advance(Duration.ofMinutes(2));
        VerificationOutcome after = verifier.verify(token("k1", first));

        assertThat(reason(after)).isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(((VerificationOutcome.Rejected) after).detail()).contains("outage tolerance");
    }

    @Test
    void recoversWhenTheEndpointComesBack() {
        status.set(503);
        JwtVerifier verifier = verifier(JwksOptions.builder().unknownKeyCooldown(Duration.ofSeconds(5)));
        assertThat(reason(verifier.verify(token("k1", first)))).isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);

        status.set(200);
        clock.advance(Duration.ofSeconds(6));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
    }

    /**
     * Issue 10.1: an endpoint that fails from the very first fetch is asked once per cooldown, not once per token,
     * whatever way it fails and whatever path asks (first use, an unknown kid, many threads at once).
     */
    @ParameterizedTest
    @ValueSource(strings = {"500", "html", "empty-set", "no-usable-key"})
    @Timeout(30)
    void anEndpointFailingFromTheStartIsAskedOncePerCooldown(String failure) throws Exception {
        switch (failure) {
            case "500" -> status.set(500);
            case "html" -> body.set("<!doctype html><html><body>Service Unavailable</body></html>");
            case "empty-set" -> body.set("{\"keys\":[]}");
            default -> body.set(jwks("{\"kty\":\"RSA\",\"use\":\"enc\",\"kid\":\"e\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"));
        }
        JwtVerifier verifier = verifier(JwksOptions.builder().unknownKeyCooldown(Duration.ofSeconds(30)));

        for (int i = 0; i < 20; i++) {
            assertThat(reason(verifier.verify(token("k1", first))))
                    .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
            assertThat(reason(verifier.verify(token("other-" + i, second))))
                    .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<VerificationOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> verifier.verify(token("k1", first))));
            }
            for (Future<VerificationOutcome> result : results) {
                assertThat(reason(result.get(10, TimeUnit.SECONDS)))
                        .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests).hasValue(1);

        clock.advance(Duration.ofSeconds(29));
        assertThat(reason(verifier.verify(token("k1", first)))).isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(requests).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            verifier.verify(token("k1", first));
        }
        assertThat(requests).hasValue(2);
    }

    /** Issue 10.1, the other paths: keys expired beyond the tolerance and a failing endpoint, one fetch a cooldown. */
    @Test
    void pastTheToleranceAFailingEndpointIsAskedOncePerCooldown() {
        JwtVerifier verifier = verifier(JwksOptions.builder()
                .ttl(Duration.ofMinutes(5))
                .outageTolerance(Duration.ZERO)
                .unknownKeyCooldown(Duration.ofSeconds(30)));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        status.set(503);
        clock.advance(Duration.ofMinutes(6));

        for (int i = 0; i < 20; i++) {
            assertThat(reason(verifier.verify(token("k1", first))))
                    .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
            assertThat(reason(verifier.verify(token("new-" + i, second))))
                    .isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        }
        assertThat(requests).hasValue(2);

        status.set(200);
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
        assertThat(requests).hasValue(3);
    }

    @Test
    void serverDownAtFirstUseIsKeysUnavailableAnd503() {
        server.stop(0);
        JwtVerifier verifier = verifier();

        VerificationOutcome verification = verifier.verify(token("k1", first));
        AuthOutcome outcome = BearerAuthenticator.of(verifier).authenticate("Bearer " + token("k1", first));

        assertThat(reason(verification)).isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(((AuthOutcome.Challenge) outcome).status()).isEqualTo(503);
        assertThat(((AuthOutcome.Challenge) outcome).headers()).containsEntry("Retry-After", "30");
    }

    @Test
    void slowEndpointTimesOutInsteadOfStallingCallers() {
        hold.set(new CountDownLatch(1));
        JwtVerifier verifier = verifier(JwksOptions.builder().requestTimeout(Duration.ofMillis(300)));

        assertThat(reason(verifier.verify(token("k1", first)))).isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);
        assertThat(requests).hasValue(1);
    }

    @Test
    void refusesOversizedAndInvalidDocumentsButKeepsGoodKeys() {
        body.set("{\"keys\":[" + jwk("k1", first) + "],\"pad\":\"" + "x".repeat(70_000) + "\"}");
        JwtVerifier verifier = verifier(JwksOptions.builder().unknownKeyCooldown(Duration.ofSeconds(5)));
        assertThat(reason(verifier.verify(token("k1", first)))).isEqualTo(VerificationOutcome.Reason.KEYS_UNAVAILABLE);

        body.set(jwks(
                jwk("k1", first), "{\"kty\":\"RSA\",\"use\":\"enc\",\"kid\":\"e\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"));
        clock.advance(Duration.ofSeconds(6));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();

        body.set("not json");
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(token("k1", first)).isVerified()).isTrue();
    }

    @Test
    @Timeout(30)
    void aCachedTokenStopsVerifyingOnceItsKeyLeavesTheJwks() throws InterruptedException {
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(
                        ISSUER,
                        KeySource.remoteJwks(
                                uri(), JwksOptions.builder().clock(clock).build()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.RS256)
                .clock(clock)
                .cacheVerified(100)
                .build();
        String token = token("k1", first);
        assertThat(verifier.verify(token).isVerified()).isTrue();
        body.set(jwks(jwk("k2", second)));
        served.set(new CountDownLatch(1));

        // Past the TTL: the stale keys still answer while the refresh runs behind.
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(token).isVerified()).isTrue();
        assertThat(served.get().await(10, TimeUnit.SECONDS)).isTrue();

        VerificationOutcome after = verifier.verify(token);
        while (after.isVerified()) {
            // The refreshed key set lands moments after the server answered.
            Thread.onSpinWait();
            after = verifier.verify(token);
        }
        assertThat(reason(after)).isEqualTo(VerificationOutcome.Reason.UNKNOWN_KEY);
    }

    @Test
    void refusesPlainHttpBeyondLoopbackAndBadOptions() {
        assertThatThrownBy(() -> KeySource.remoteJwks(URI.create("http://id.example.com/jwks.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
        assertThatThrownBy(() -> KeySource.remoteJwks(URI.create("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksOptions.builder().ttl(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksOptions.builder().maxBytes(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksOptions.builder()
                        .ttl(Duration.ofSeconds(30))
                        .refreshAhead(Duration.ofSeconds(30))
                        .build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(KeySource.remoteJwks(URI.create("https://id.example.com/jwks.json")))
                .isNotNull();
    }
}
