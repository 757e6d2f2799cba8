package dev.groundwork.auth;

import dev.groundwork.auth.internal.VerifierKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A token whose signature and claims have been verified: the registered claims typed, every claim readable, and
 * the authorities the verifier's {@link AuthorityMapping} found. Only a {@link JwtVerifier} creates one.
 *
 * <p>Immutable (claim maps and lists included); thread-safe.
 */
public final class AccessToken {
    private final String compact;
    private final JwsAlgorithm algorithm;
    private final VerifierKey verifiedBy;
    private final @Nullable String keyId;
    private final @Nullable String type;
    private final String issuer;
    private final @Nullable String subject;
    private final List<String> audience;
    private final @Nullable Instant expiresAt;
    private final @Nullable Instant notBefore;
    private final @Nullable Instant issuedAt;
    private final @Nullable String jwtId;
    private final Map<String, Object> claims;
    private final Set<String> scopes;
    private final Set<String> authorities;

    AccessToken(
            String compact,
            JwsAlgorithm algorithm,
            VerifierKey verifiedBy,
            @Nullable String keyId,
            @Nullable String type,
            String issuer,
            @Nullable String subject,
            List<String> audience,
            @Nullable Instant expiresAt,
            @Nullable Instant notBefore,
            @Nullable Instant issuedAt,
            @Nullable String jwtId,
            Map<String, Object> claims,
            AuthorityMapping authorityMapping) {
        this.compact = compact;
        this.algorithm = algorithm;
        this.verifiedBy = verifiedBy;
        this.keyId = keyId;
        this.type = type;
        this.issuer = issuer;
        this.subject = subject;
        this.audience = List.copyOf(audience);
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
        this.issuedAt = issuedAt;
        this.jwtId = jwtId;
        // Already unmodifiable all the way down: StrictJson builds it that way, and only JwtVerifier calls this.
        this.claims = claims;
        this.scopes = AuthorityMapping.standard().authorities(this.claims);
        this.authorities =
                authorityMapping == AuthorityMapping.standard() ? scopes : authorityMapping.authorities(this.claims);
    }

    /**
     * The token as it was received (compact serialization).
     *
     * @return the compact JWS
     */
    public String compact() {
        return compact;
    }

    /**
     * The algorithm the signature was verified with.
     *
     * @return the algorithm
     */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The key whose signature check this token passed; the verified-token cache checks it is still trusted. */
    VerifierKey verifiedBy() {
        return verifiedBy;
    }

    /**
     * The {@code kid} header.
     *
     * @return the key id, if the token named one
     */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /**
     * The {@code typ} header, such as {@code JWT} or {@code at+jwt}.
     *
     * @return the type, if present
     */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /**
     * The {@code iss} claim, one of the verifier's trusted issuers.
     *
     * @return the issuer
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The {@code sub} claim.
     *
     * @return the subject, if present
     */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * The {@code aud} claim as a list (a single string becomes one element).
     *
     * @return the audiences; empty when absent
     */
    public List<String> audience() {
        return audience;
    }

    /**
     * The {@code exp} claim.
     *
     * @return the expiry; present unless the verifier was told not to require it
     */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * The {@code nbf} claim.
     *
     * @return the start of validity, if present
     */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /**
     * The {@code iat} claim.
     *
     * @return the issue time, if present
     */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /**
     * The {@code jti} claim.
     *
     * @return the token id, if present
     */
    public Optional<String> jwtId() {
        return Optional.ofNullable(jwtId);
    }

    /**
     * The OAuth scopes from {@code scope} (space-separated) and {@code scp}, whatever the authority mapping.
     *
     * @return the scopes; empty when none
     */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * The authorities the verifier's {@link AuthorityMapping} found (by default, the scopes).
     *
     * @return the authorities; empty when none
     */
    public Set<String> authorities() {
        return authorities;
    }

    /**
     * Every claim of the payload: strings, {@code Long} or {@code Double} numbers, booleans, nulls, and
     * unmodifiable lists and maps of those.
     *
     * @return the claims, unmodifiable
     */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * One claim, if present and of the requested type.
     *
     * @param name the claim name
     * @param type the expected type, such as {@code String.class}, {@code Long.class}, {@code List.class}
     * @param <T> the expected type
     * @return the value, or empty when absent, null or of another type
     */
    public <T> Optional<T> claim(String name, Class<T> type) {
        Object value = claims.get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        // Never the compact token or claim values: toString ends up in logs.
        return "AccessToken[iss=" + issuer + ", kid=" + keyId + ", alg=" + algorithm + ", exp=" + expiresAt + "]";
    }
}
