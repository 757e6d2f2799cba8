package dev.groundwork.auth;

import static dev.groundwork.auth.TestTokens.AUDIENCE;
import static dev.groundwork.auth.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens signed by jjwt and by auth0 java-jwt verify here, and tokens our {@link TokenIssuer} signs verify there,
 * for HS256, RS256 and ES256.
 */
class InteroperabilityTest {
    private static SecretKey secret;
    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void keys() {
        secret = new SecretKeySpec(TestTokens.secret(32).getEncoded(), "HmacSHA256");
        rsa = TestTokens.rsa(2048);
        ec = TestTokens.ec("secp256r1");
    }

    private static JwtVerifier verifier(JwsAlgorithm algorithm, KeySource keys) {
        return JwtVerifier.builder()
                .issuer(ISSUER, keys)
                .audience(AUDIENCE)
                .algorithms(algorithm)
                .build();
    }

    private static AccessToken verified(JwtVerifier verifier, String token) {
        VerificationOutcome verification = verifier.verify(token);
        assertThat(verification).isInstanceOf(VerificationOutcome.Verified.class);
        return ((VerificationOutcome.Verified) verification).token();
    }

    private static String jjwt(java.security.Key key, String kid) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .keyId(kid)
                .and()
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .subject("alice")
                .id("jjwt-1")
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(300)))
                .claim("scope", "orders:read")
                .signWith(key)
                .compact();
    }

    private static String auth0(Algorithm algorithm) {
        Instant now = Instant.now();
        return JWT.create()
                .withKeyId("k1")
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject("alice")
                .withJWTId("auth0-1")
                .withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(300))
                .withClaim("scope", "orders:read")
                .sign(algorithm);
    }

    @Test
    void verifiesJjwtTokens() {
        AccessToken hs = verified(
                verifier(JwsAlgorithm.HS256, KeySource.hmacSecret("k1", JwsAlgorithm.HS256, secret.getEncoded())),
                jjwt(secret, "k1"));
        AccessToken rs = verified(
                verifier(JwsAlgorithm.RS256, KeySource.publicKey("k1", JwsAlgorithm.RS256, rsa.getPublic())),
                jjwt(rsa.getPrivate(), "k1"));
        AccessToken es = verified(
                verifier(JwsAlgorithm.ES256, KeySource.publicKey("k1", JwsAlgorithm.ES256, ec.getPublic())),
                jjwt(ec.getPrivate(), "k1"));

        for (AccessToken token : new AccessToken[] {hs, rs, es}) {
            assertThat(token.subject()).contains("alice");
            assertThat(token.jwtId()).contains("jjwt-1");
            assertThat(token.audience()).containsExactly(AUDIENCE);
            assertThat(token.scopes()).containsExactly("orders:read");
        }
        assertThat(es.algorithm()).isEqualTo(JwsAlgorithm.ES256);
    }

    @Test
    void verifiesAuth0JavaJwtTokens() {
        AccessToken hs = verified(
                verifier(JwsAlgorithm.HS256, KeySource.hmacSecret(JwsAlgorithm.HS256, secret.getEncoded())),
                auth0(Algorithm.HMAC256(secret.getEncoded())));
        AccessToken rs = verified(
                verifier(JwsAlgorithm.RS256, KeySource.publicKey(JwsAlgorithm.RS256, rsa.getPublic())),
                auth0(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate())));
        AccessToken es = verified(
                verifier(JwsAlgorithm.ES256, KeySource.publicKey(JwsAlgorithm.ES256, ec.getPublic())),
                auth0(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate())));

        for (AccessToken token : new AccessToken[] {hs, rs, es}) {
            assertThat(token.subject()).contains("alice");
            assertThat(token.jwtId()).contains("auth0-1");
            assertThat(token.keyId()).contains("k1");
        }
    }

    @Test
    void refusesAuth0TokensThatThisLibraryDeemsUnsafe() {
        // java-jwt signs HS256 with a 16-byte secret; such a secret cannot even be configured here.
        byte[] shortSecret = new byte[16];
        String token = auth0(Algorithm.HMAC256(shortSecret));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeySource.hmacSecret(JwsAlgorithm.HS256, shortSecret))
                .isInstanceOf(IllegalArgumentException.class);
        // And its token is refused by a verifier holding a proper secret.
        VerificationOutcome verification = verifier(
                        JwsAlgorithm.HS256, KeySource.hmacSecret(JwsAlgorithm.HS256, secret.getEncoded()))
                .verify(token);
        assertThat(((VerificationOutcome.Rejected) verification).reason())
                .isEqualTo(VerificationOutcome.Reason.BAD_SIGNATURE);
    }

    private static String issued(SigningKey key) {
        return TokenIssuer.builder(ISSUER, key)
                .audience(AUDIENCE)
                .build()
                .accessToken("alice", java.util.List.of("orders:read"));
    }

    @Test
    void ourTokensVerifyInJjwt() {
        SigningKey hs = SigningKey.hmac("k1", JwsAlgorithm.HS256, secret.getEncoded());
        SigningKey rs = SigningKey.of(JwsAlgorithm.RS256, rsa);
        SigningKey es = SigningKey.of(JwsAlgorithm.ES256, ec);
        java.security.Key[] verificationKeys = {secret, rsa.getPublic(), ec.getPublic()};
        SigningKey[] signingKeys = {hs, rs, es};

        for (int i = 0; i < signingKeys.length; i++) {
            var parser = Jwts.parser().requireIssuer(ISSUER).requireAudience(AUDIENCE);
            var claims = (verificationKeys[i] instanceof java.security.PublicKey publicKey
                            ? parser.verifyWith(publicKey).build()
                            : parser.verifyWith((SecretKey) verificationKeys[i]).build())
                    .parseSignedClaims(issued(signingKeys[i]));
            assertThat(claims.getPayload().getSubject()).isEqualTo("alice");
            assertThat(claims.getPayload().getId()).isNotBlank();
            assertThat(claims.getHeader().getKeyId()).isEqualTo(signingKeys[i].keyId());
        }
    }

    @Test
    void ourTokensVerifyInAuth0JavaJwt() {
        Algorithm[] algorithms = {
            Algorithm.HMAC256(secret.getEncoded()),
            Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), null),
            Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), null)
        };
        SigningKey[] signingKeys = {
            SigningKey.hmac("k1", JwsAlgorithm.HS256, secret.getEncoded()),
            SigningKey.of(JwsAlgorithm.RS256, rsa),
            SigningKey.of(JwsAlgorithm.ES256, ec)
        };
        for (int i = 0; i < algorithms.length; i++) {
            var decoded = JWT.require(algorithms[i])
                    .withIssuer(ISSUER)
                    .withAudience(AUDIENCE)
                    .build()
                    .verify(issued(signingKeys[i]));
            assertThat(decoded.getSubject()).isEqualTo("alice");
            assertThat(decoded.getClaim("scope").asString()).isEqualTo("orders:read");
        }
    }
}
