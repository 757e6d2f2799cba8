package dev.groundwork.auth.internal;

import dev.groundwork.auth.AuthorityMapping;
import dev.groundwork.auth.ClaimRule;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.KeySource;
import dev.groundwork.auth.RevocationList;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a verifier checks for one issuer. Built by {@code JwtVerifier.Builder}; immutable.
 *
 * @param issuer the exact {@code iss} value
 * @param keys where the issuer's keys come from
 * @param algorithms the allowed algorithms
 * @param audiences accepted audiences; empty only with {@code anyAudience}
 * @param anyAudience whether {@code aud} is not checked
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param clock the source of now
 * @param requireExpiration whether {@code exp} must be present
 * @param requiredClaims claims that must be present
 * @param types accepted {@code typ} values, lower case without {@code application/}; empty means JWT or absent
 * @param rules custom claim rules
 * @param authorityMapping where authorities come from
 * @param maxTokenLength the size limit in characters
 * @param revocations revoked token ids, or null when revocation is not checked
 */
public record IssuerPolicy(
        String issuer,
        KeySource keys,
        Set<JwsAlgorithm> algorithms,
        Set<String> audiences,
        boolean anyAudience,
        Duration clockSkew,
        Clock clock,
        boolean requireExpiration,
        Set<String> requiredClaims,
        Set<String> types,
        List<ClaimRule> rules,
        AuthorityMapping authorityMapping,
        int maxTokenLength,
        @Nullable RevocationList revocations) {}
