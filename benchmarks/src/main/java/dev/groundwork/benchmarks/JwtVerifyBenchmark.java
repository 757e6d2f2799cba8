package dev.groundwork.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.JwtVerifier;
import dev.groundwork.auth.KeySource;
import dev.groundwork.auth.VerificationOutcome;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying one access token (signature, {@code iss}, {@code aud}, {@code exp}) with auth-core beside nimbus's
 * {@code DefaultJWTProcessor} with the same claim checks, jjwt and auth0 java-jwt, in one run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JwtVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwtVerifyBenchmark {
    private static final String ISSUER = "https://id.example.com";
    private static final String AUDIENCE = "orders-api";

    @Param({"HS256", "RS256", "ES256"})
    String algorithm;

    private String token;
    private JwtVerifier groundwork;
    private JwtVerifier groundworkCached;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private JwtParser jjwt;
    private JWTVerifier auth0;

    @Setup
    public void setUp() throws Exception {
        JwsAlgorithm alg = JwsAlgorithm.valueOf(algorithm);
        Key signingKey;
        Key verificationKey;
        JWK jwk;
        Algorithm auth0Algorithm;
        switch (alg) {
            case HS256 -> {
                byte[] secret = new byte[32];
                for (int i = 0; i < secret.length; i++) {
                    secret[i] = (byte) (i * 37 + 11);
                }
                SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
                signingKey = key;
                verificationKey = key;
                jwk = new OctetSequenceKey.Builder(secret).build();
                auth0Algorithm = Algorithm.HMAC256(secret);
                groundwork = verifier(KeySource.hmacSecret(alg, secret), alg);
            }
            case RS256 -> {
                KeyPair pair = generate("RSA", null);
                signingKey = pair.getPrivate();
                verificationKey = pair.getPublic();
                jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build();
                auth0Algorithm = Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
                groundwork = verifier(KeySource.publicKey(alg, pair.getPublic()), alg);
            }
            case ES256 -> {
                KeyPair pair = generate("EC", "secp256r1");
                signingKey = pair.getPrivate();
                verificationKey = pair.getPublic();
                jwk = new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) pair.getPublic()).build();
                auth0Algorithm = Algorithm.ECDSA256((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
                groundwork = verifier(KeySource.publicKey(alg, pair.getPublic()), alg);
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        long now = Instant.now().getEpochSecond();
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"alice\",\"iat\":" + now
                + ",\"exp\":" + (now + 365L * 24 * 3600)
                + ",\"jti\":\"b1c2d3\",\"scope\":\"orders:read orders:write\"}";
        token = sign(alg, signingKey, "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}", payload);

        nimbus = new DefaultJWTProcessor<>();
        nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(
                JWSAlgorithm.parse(algorithm), new ImmutableJWKSet<>(new JWKSet(jwk))));
        nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                AUDIENCE, new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp")));

        var jjwtBuilder = Jwts.parser().requireIssuer(ISSUER).requireAudience(AUDIENCE);
        jjwt = verificationKey instanceof PublicKey publicKey
                ? jjwtBuilder.verifyWith(publicKey).build()
                : jjwtBuilder.verifyWith((SecretKeySpec) verificationKey).build();
        auth0 = JWT.require(auth0Algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .build();

        groundworkCached = JwtVerifier.forIssuers(JwtVerifier.builder()
                .issuer(ISSUER, keySource(alg, verificationKey))
                .audience(AUDIENCE)
                .algorithms(alg)
                .cacheVerified(10_000)
                .build());

        // Every contender must accept the token, or the comparison means nothing.
        if (!(groundwork.verify(token) instanceof VerificationOutcome.Verified)) {
            throw new IllegalStateException("auth-core rejected the benchmark token: " + groundwork.verify(token));
        }
        if (!(groundworkCached.verify(token) instanceof VerificationOutcome.Verified)) {
            throw new IllegalStateException("auth-core (cached) rejected the benchmark token");
        }
        nimbus.process(token, null);
        jjwt.parseSignedClaims(token);
        auth0.verify(token);
    }

    private static KeySource keySource(JwsAlgorithm alg, Key key) {
        return key instanceof PublicKey publicKey
                ? KeySource.publicKey(alg, publicKey)
                : KeySource.hmacSecret(alg, key.getEncoded());
    }

    private static JwtVerifier verifier(KeySource keys, JwsAlgorithm alg) {
        return JwtVerifier.builder()
                .issuer(ISSUER, keys)
                .audience(AUDIENCE)
                .algorithms(alg)
                .build();
    }

    private static KeyPair generate(String type, String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        if (curve == null) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec(curve));
        }
        return generator.generateKeyPair();
    }

    private static String sign(JwsAlgorithm alg, Key key, String header, String payload)
            throws GeneralSecurityException {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String input = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        if (alg == JwsAlgorithm.HS256) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            signature = mac.doFinal(data);
        } else {
            Signature signer =
                    Signature.getInstance(alg == JwsAlgorithm.RS256 ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            signer.initSign((PrivateKey) key);
            signer.update(data);
            signature = signer.sign();
        }
        return input + "." + encoder.encodeToString(signature);
    }

    @Benchmark
    public VerificationOutcome groundwork() {
        return groundwork.verify(token);
    }

    /** The same token verified again with the verified-token cache on: a lookup and the time checks. */
    @Benchmark
    public VerificationOutcome groundworkCached() {
        return groundworkCached.verify(token);
    }

    @Benchmark
    public JWTClaimsSet nimbusProcessor() throws Exception {
        return nimbus.process(token, null);
    }

    @Benchmark
    public Claims jjwt() {
        return jjwt.parseSignedClaims(token).getPayload();
    }

    @Benchmark
    public Object auth0() {
        return auth0.verify(token);
    }
}
