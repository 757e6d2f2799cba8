package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.CLOCK;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static dev.groundwork.auth.TestTokens.NOW;
import static dev.groundwork.auth.TestTokens.claims;
import static dev.groundwork.auth.TestTokens.epoch;
import static dev.groundwork.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerAuthenticatorTest {
    private static final SecretKey SECRET = TestTokens.secret(32);
    private static BearerAuthenticator auth;
    private static HttpServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.HS256)
                .clock(CLOCK)
                .build();
        auth = BearerAuthenticator.builder(verifier).realm("orders").build();

        // The README's "protect a handler": a JDK HttpServer handler guarded in a few lines.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/orders", exchange -> {
            AuthOutcome outcome =
                    auth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"), "orders:read");
            byte[] body;
            int status;
            if (outcome instanceof AuthOutcome.Authenticated authenticated) {
                status = 200;
                body = ("hello " + authenticated.token().subject().orElse("?")).getBytes(StandardCharsets.UTF_8);
            } else {
                AuthOutcome.Challenge challenge = (AuthOutcome.Challenge) outcome;
                status = challenge.status();
                challenge.headers().forEach(exchange.getResponseHeaders()::add);
                body = new byte[0];
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String token(String scope) {
        return sign(JwsAlgorithm.HS256, SECRET, claims("\"scope\":\"" + scope + "\""));
    }

    private static HttpResponse<String> get(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders"))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void protectsARealHandlerOverHttp() throws IOException, InterruptedException {
        HttpResponse<String> ok = get("Bearer " + token("orders:read"));
        HttpResponse<String> none = get(null);
        HttpResponse<String> expired = get("Bearer "
                + sign(
                        JwsAlgorithm.HS256,
                        SECRET,
                        "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                                + epoch(NOW.minusSeconds(3600)) + "}"));
        HttpResponse<String> forbidden = get("Bearer " + token("orders:write"));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello alice");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"orders\"");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"orders\", error=\"invalid_token\", "
                        + "error_description=\"The access token expired\"");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"orders\", error=\"insufficient_scope\", "
                        + "error_description=\"The access token lacks a required scope\", scope=\"orders:read\"");
    }

    @Test
    void acceptsTheSchemeInAnyCaseAndExtraSpaces() {
        assertThat(auth.authenticate("bearer " + token("a"))).isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(auth.authenticate("BEARER   " + token("a") + "  ")).isInstanceOf(AuthOutcome.Authenticated.class);
    }

    @Test
    void aConfiguredSchemeIsAcceptedBesideBearerAndNamedInChallenges() {
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.HS256)
                .clock(CLOCK)
                .build();
        BearerAuthenticator conduit = BearerAuthenticator.builder(verifier)
                .realm("conduit")
                .scheme("Token")
                .build();

        assertThat(conduit.authenticate("Token " + token("a"))).isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(conduit.authenticate("token  " + token("a"))).isInstanceOf(AuthOutcome.Authenticated.class);
        assertThat(conduit.authenticate("Bearer " + token("a"))).isInstanceOf(AuthOutcome.Authenticated.class);
        AuthOutcome.Challenge basic = (AuthOutcome.Challenge) conduit.authenticate("Basic YWxpY2U6cGFzcw==");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.wwwAuthenticate()).contains("Token realm=\"conduit\"");
        AuthOutcome.Challenge tokenless = (AuthOutcome.Challenge) conduit.authenticate("Token");
        assertThat(tokenless.status()).isEqualTo(400);
        assertThat(tokenless.wwwAuthenticate().orElseThrow())
                .startsWith("Token realm=\"conduit\", error=\"invalid_request\"")
                .contains("not the Token scheme");
        AuthOutcome.Challenge prefix = (AuthOutcome.Challenge) conduit.authenticate("Tokens " + token("a"));
        assertThat(prefix.status()).as("a longer name is another scheme").isEqualTo(401);
        assertThat(prefix.error()).isEmpty();
        assertThat(((AuthOutcome.Challenge) auth.authenticate("Token " + token("a"))).status())
                .as("not accepted unless configured")
                .isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "To ken", "Tok\"en", "Tök", "Token,", "T\u0000", "ThirtyThreeCharactersLongSchemeNm"})
    void schemeNamesThatCouldNotBeAHeaderTokenAreRefused(String name) {
        BearerAuthenticator.Builder builder = BearerAuthenticator.builder(JwtVerifier.builder()
                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                .anyAudience()
                .algorithms(JwsAlgorithm.HS256)
                .build());
        assertThatThrownBy(() -> builder.scheme(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 9110 token");
        assertThat(builder.scheme("Token").scheme("x-Api_1.0~").build()).isNotNull();
    }

    @Test
    void treatsOtherSchemesAsNoCredentials() {
        AuthOutcome.Challenge basic = (AuthOutcome.Challenge) auth.authenticate("Basic YWxpY2U6cGFzcw==");
        AuthOutcome.Challenge blank = (AuthOutcome.Challenge) auth.authenticate("   ");

        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.error()).isEmpty();
        assertThat(basic.wwwAuthenticate()).contains("Bearer realm=\"orders\"");
        assertThat(blank.status()).isEqualTo(401);
        assertThat(BearerAuthenticator.of(JwtVerifier.builder()
                                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                                .anyAudience()
                                .algorithms(JwsAlgorithm.HS256)
                                .build())
                        .authenticate(null))
                .isEqualTo(new AuthOutcome.Challenge(401, Map.of("WWW-Authenticate", "Bearer"), "", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer a\"b", "Bearer =abc", "Bearer ab,c", "Bearer é"})
    void refusesMalformedHeadersAsInvalidRequest(String header) {
        AuthOutcome.Challenge challenge = (AuthOutcome.Challenge) auth.authenticate(header);

        assertThat(challenge.status()).isEqualTo(400);
        assertThat(challenge.error()).isEqualTo("invalid_request");
        assertThat(challenge.reason()).isEmpty();
    }

    @Test
    void refusesHugeHeadersBeforeScanningThem() {
        AuthOutcome.Challenge challenge =
                (AuthOutcome.Challenge) auth.authenticate("Bearer " + "a".repeat(10 * 1024 * 1024));

        assertThat(challenge.status()).isEqualTo(400);
    }

    @Test
    void invalidTokensCarryTheirReasonAndAFixedDescription() {
        AuthOutcome.Challenge challenge = (AuthOutcome.Challenge) auth.authenticate("Bearer abc.def.ghi");

        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.error()).isEqualTo("invalid_token");
        assertThat(challenge.reason()).contains(VerificationOutcome.Reason.MALFORMED);
        for (VerificationOutcome.Reason reason : VerificationOutcome.Reason.values()) {
            assertThat(BearerAuthenticator.describe(reason))
                    .doesNotContain("\"", "\\")
                    .isNotBlank();
        }
    }

    @Test
    void requiresEveryRequiredScope() {
        assertThat(auth.authenticate("Bearer " + token("a b"), "a", "b")).isInstanceOf(AuthOutcome.Authenticated.class);
        AuthOutcome.Challenge challenge = (AuthOutcome.Challenge) auth.authenticate("Bearer " + token("a"), "a", "b");
        assertThat(challenge.status()).isEqualTo(403);
        assertThat(challenge.wwwAuthenticate().orElseThrow()).endsWith("scope=\"a b\"");
    }

    @Test
    void refusesUnsafeConfiguration() {
        BearerAuthenticator.Builder builder = BearerAuthenticator.builder(JwtVerifier.builder()
                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                .anyAudience()
                .algorithms(JwsAlgorithm.HS256)
                .build());
        assertThatThrownBy(() -> builder.realm("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.realm("line\nbreak")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.retryAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.retryAfter(Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Issue 10.3: every challenge the authenticator can emit, read by a strict RFC 9110 / RFC 6750 parser. The
     * headers cover each branch (none, blank, another scheme, too long, not a b64token in many ways), tokens that
     * reach every rejection reason a token can cause, missing scopes, and the 503; each with and without a realm.
     */
    @Test
    void everyChallengeFollowsTheRfc6750Grammar() {
        BearerAuthenticator noRealm = BearerAuthenticator.of(JwtVerifier.builder()
                .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                .audience(AUDIENCE)
                .algorithms(JwsAlgorithm.HS256)
                .clock(CLOCK)
                .build());
        BearerAuthenticator oddRealm = BearerAuthenticator.builder(JwtVerifier.builder()
                        .issuer(ISSUER, KeySource.hmacSecret(JwsAlgorithm.HS256, SECRET.getEncoded()))
                        .audience(AUDIENCE)
                        .algorithms(JwsAlgorithm.HS256)
                        .clock(CLOCK)
                        .build())
                .realm("a realm, with=odd/chars;!")
                .build();
        java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of(
                "",
                " ",
                "Basic YWxpY2U6cGFzcw==",
                "DPoP abc",
                "Bearer",
                "Bearer ",
                "Bearer a b",
                "Bearer a\"b",
                "Bearer =abc",
                "Bearer ab,c",
                "Bearer é",
                "Bearer a\\b",
                "Bearer \"quoted\"",
                "Bearer a\u0000b",
                "Bearer a\r\nX-Injected: 1",
                "Bearer " + "a".repeat(70_000),
                "Bearer abc.def.ghi",
                "Bearer " + token("orders:read"),
                "Bearer " + token("other")));
        headers.add("Bearer "
                + sign(
                        JwsAlgorithm.HS256,
                        SECRET,
                        "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                                + epoch(NOW.minusSeconds(3600)) + "}"));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, claims("\"nbf\":" + epoch(NOW.plusSeconds(3600)))));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, TestTokens.secret(48), claims("")));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, claims("").replace(AUDIENCE, "elsewhere")));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, claims("").replace(ISSUER, "https://x")));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"none\"}", claims("")));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"HS256\",\"crit\":[\"b64\"]}", claims("")));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, "{\"alg\":\"HS256\",\"typ\":\"x\"}", claims("")));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, claims("\"iat\":" + epoch(NOW.plusSeconds(3600)))));
        headers.add("Bearer " + sign(JwsAlgorithm.HS256, SECRET, claims("\"exp\":\"soon\"")));

        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (BearerAuthenticator authenticator : java.util.List.of(auth, noRealm, oddRealm)) {
            for (String header : headers) {
                for (String[] scopes :
                        new String[][] {{}, {"orders:read"}, {"orders:read", "x!#$%&'()*+,-./:;<=>?@[]^_`{|}~"}}) {
                    AuthOutcome outcome = authenticator.authenticate(header, scopes);
                    if (!(outcome instanceof AuthOutcome.Challenge challenge)) {
                        continue;
                    }
                    statuses.add(challenge.status());
                    if (challenge.status() == 503) {
                        assertThat(challenge.wwwAuthenticate()).isEmpty();
                        continue;
                    }
                    Map<String, String> params =
                            ChallengeGrammar.parse(challenge.wwwAuthenticate().orElseThrow());
                    assertThat(params.getOrDefault("error", "")).isEqualTo(challenge.error());
                    assertThat(challenge.status())
                            .isEqualTo(
                                    switch (challenge.error()) {
                                        case "invalid_request" -> 400;
                                        case "insufficient_scope" -> 403;
                                        default -> 401;
                                    });
                }
            }
        }
        assertThat(statuses).containsExactly(400, 401, 403);
        for (VerificationOutcome.Reason reason : VerificationOutcome.Reason.values()) {
            ChallengeGrammar.parse("Bearer error=\"invalid_token\", error_description=\""
                    + BearerAuthenticator.describe(reason) + "\"");
        }
    }

    @Test
    void theGrammarReaderRefusesTheChallengeTheOutsideSuiteFound() {
        assertThatThrownBy(() -> ChallengeGrammar.parse("Bearer error=\"invalid_request\", "
                        + "error_description=\"The Authorization header is not \"Bearer <token>\"\""))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ChallengeGrammar.parse("Bearer error=\"invalid_token\", error=\"invalid_token\""))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ChallengeGrammar.parse("Bearer scope=\"a  b\""))
                .isInstanceOf(AssertionError.class);
        assertThat(ChallengeGrammar.parse("Bearer realm=\"x\", scope=\"a b\"")).containsEntry("scope", "a b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\"b", "a\\b", "é", "a\nb"})
    void refusesRequiredScopesNoChallengeCouldName(String scope) {
        assertThatThrownBy(() -> auth.authenticate("Bearer " + token("a"), "ok", scope))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope-token");
    }
}
