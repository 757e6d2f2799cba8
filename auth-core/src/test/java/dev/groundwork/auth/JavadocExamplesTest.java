package dev.groundwork.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.apikey.ApiKeyOutcome;
import dev.groundwork.auth.apikey.ApiKeyStore;
import dev.groundwork.auth.apikey.ApiKeys;
import dev.groundwork.auth.password.PasswordHasher;
import dev.groundwork.testing.ReadmeSnippets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every Javadoc example of auth-core, exactly as the documentation prints it (checked by
 * {@link ReadmeSnippets#assertJavadocPrinted}), compiled and run. Regions name the type whose Javadoc shows them.
 */
class JavadocExamplesTest {
    private final List<Object> seen = new ArrayList<>();

    /** A stand-in for a framework's request. */
    record Request(Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    @Test
    void theTestHoldsEveryJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/auth/JavadocExamplesTest.java")))
                .isEqualTo(10);
    }

    @Test
    void issueVerifyAndAuthenticate() {
        // region TokenIssuer
        TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", SigningKey.generate(JwsAlgorithm.ES256))
                .audience("orders-api")
                .build();
        TokenPair tokens = issuer.issue("alice", List.of("orders:read"));
        // endregion

        String jwksJson = "{\"keys\":[]}".replace("[]", "[" + jwk(issuer) + "]");
        // region JwtVerifier
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer("https://id.example.com", KeySource.jwkSet(jwksJson))
                .audience("orders-api")
                .algorithms(JwsAlgorithm.RS256, JwsAlgorithm.ES256)
                .build();
        // endregion
        JwtVerifier ours = JwtVerifier.builder()
                .issuer("https://auth.example.com", issuer.verificationKeys())
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .build();

        String token = tokens.accessToken();
        verify(verifier, token);
        verify(ours, token);
        assertThat(seen).containsExactly(401, Optional.of("alice"));

        Request request = new Request(Map.of("Authorization", "Bearer " + token));
        // region BearerAuthenticator
        BearerAuthenticator auth =
                BearerAuthenticator.builder(verifier).realm("orders").build();
        AuthOutcome outcome = auth.authenticate(request.header("Authorization"), "orders:read");
        // endregion
        assertThat(outcome).isInstanceOf(AuthOutcome.Challenge.class);
        authenticate(BearerAuthenticator.of(ours), request);
        assertThat(seen).hasSize(3).last().isEqualTo(Optional.of("alice"));
    }

    private static String jwk(TokenIssuer issuer) {
        return "{\"kty\":\"oct\",\"k\":\"" + "A".repeat(43) + "\",\"alg\":\"HS256\",\"kid\":\"unrelated\"}";
    }

    private void verify(JwtVerifier verifier, String token) {
        // region VerificationOutcome
        VerificationOutcome verification = verifier.verify(token);
        if (verification instanceof VerificationOutcome.Verified verified) {
            handle(verified.token().subject());
        } else if (verification instanceof VerificationOutcome.Rejected rejected) {
            respond(rejected.reason().httpStatus());
        }
        // endregion
    }

    private void authenticate(BearerAuthenticator auth, Request request) {
        // region AuthOutcome
        AuthOutcome outcome = auth.authenticate(request.header("Authorization"), "orders:read");
        if (outcome instanceof AuthOutcome.Authenticated authenticated) {
            handle(request, authenticated.token());
        } else if (outcome instanceof AuthOutcome.Challenge challenge) {
            respond(challenge.status(), challenge.headers());
        }
        // endregion
    }

    @Test
    void rulesMappingsAndRings() {
        // region ClaimRule
        ClaimRule tenant = ClaimRule.of(
                "tenant is acme",
                token -> token.claim("tenant", String.class)
                        .filter("acme"::equals)
                        .isPresent());
        // endregion

        // region AuthorityMapping
        AuthorityMapping keycloak = AuthorityMapping.builder()
                .path("scope", "SCOPE_")
                .path("/realm_access/roles", "ROLE_")
                .build();
        // endregion

        // region KeyRing
        KeyRing ring = KeyRing.builder(SigningKey.generate(JwsAlgorithm.ES256))
                .retainRetiredFor(Duration.ofHours(1))
                .build();
        SigningKey nextKey = SigningKey.generate(JwsAlgorithm.ES256);
        ring.publish(nextKey); // appears in the JWKS
        // ... later, after the JWKS cache time ...
        ring.activate(nextKey.keyId()); // signs from now on
        // endregion

        TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", ring)
                .audience("api")
                .build();
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer("https://auth.example.com", ring.verificationKeys())
                .audience("api")
                .algorithms(JwsAlgorithm.ES256)
                .rule(tenant)
                .authorities(keycloak)
                .build();
        VerificationOutcome acme =
                verifier.verify(issuer.accessToken("alice", List.of("orders:read"), Map.of("tenant", "acme")));
        VerificationOutcome globex = verifier.verify(issuer.accessToken("bob", List.of(), Map.of("tenant", "globex")));
        assertThat(acme).isInstanceOfSatisfying(VerificationOutcome.Verified.class, v -> {
            assertThat(v.token().keyId()).contains(nextKey.keyId());
            assertThat(v.token().authorities()).contains("SCOPE_orders:read");
        });
        assertThat(globex).isInstanceOf(VerificationOutcome.Rejected.class);
    }

    @Test
    void apiKeysAndPasswords() {
        Request request = new Request(Map.of());
        // region ApiKeys
        ApiKeys apiKeys = ApiKeys.create("gw", ApiKeyStore.inMemory(), Clock.systemUTC());
        ApiKeys.Created created = apiKeys.create("billing-service", List.of("invoices:read"), null);
        show(created.key()); // once; only its hash is kept
        if (apiKeys.check(request.header("X-Api-Key")) instanceof ApiKeyOutcome.Valid valid) {
            serve(valid.owner(), valid.scopes());
        }
        // endregion
        assertThat(apiKeys.check(created.key())).isInstanceOf(ApiKeyOutcome.Valid.class);

        char[] password = "correct horse".toCharArray();
        char[] attempt = "correct horse".toCharArray();
        // region PasswordHasher
        PasswordHasher hasher = PasswordHasher.owaspDefault();
        String stored = hasher.hash(password);
        PasswordHasher.Match match = hasher.verify(attempt, stored);
        if (match.matches() && match.needsRehash()) {
            save(hasher.hash(attempt));
        }
        // endregion
        assertThat(match.matches()).isTrue();
        assertThat(seen).containsExactly(created.key());
    }

    private void handle(Optional<String> subject) {
        seen.add(subject);
    }

    private void handle(Request request, AccessToken token) {
        seen.add(token.subject());
    }

    private void respond(int status) {
        seen.add(status);
    }

    private void respond(int status, Map<String, String> headers) {
        seen.add(status);
    }

    private void show(String key) {
        seen.add(key);
    }

    private void serve(String owner, List<String> scopes) {
        seen.add(owner);
    }

    private void save(String hash) {
        seen.add(hash);
    }
}
