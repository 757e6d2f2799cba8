package dev.groundwork.auth;

import com.google.errorprone.annotations.CheckReturnValue;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.groundwork.auth.internal.Base64Url;
import dev.groundwork.auth.internal.Durations;
import dev.groundwork.auth.internal.JsonValues;
import dev.groundwork.auth.internal.Sha256;
import dev.groundwork.auth.internal.Text;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Issues access tokens (signed JWTs with a {@code jti}) and opaque refresh tokens that rotate on every use.
 *
 * <p>Refresh tokens are 256 random bits, handed to the client once and stored only as a SHA-256 hash. Each belongs
 * to a family started at login; using one marks it used (atomically, see {@link RefreshTokenStore#consume}) and
 * issues the next member of the family. Presenting a used token again is a replay: the whole family is revoked,
 * so a stolen refresh token is good for at most one use, by whoever is first, and exposes the theft on the next
 * (OAuth 2.0 Security BCP, RFC 9700 §4.14.2). Several concurrent refreshes of one token: exactly one succeeds.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.builder("https://auth.example.com", SigningKey.generate(JwsAlgorithm.ES256))
 *         .audience("orders-api")
 *         .build();
 * TokenPair tokens = issuer.issue("alice", List.of("orders:read"));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TokenIssuer {
    private static final System.Logger LOG = System.getLogger(TokenIssuer.class.getName());
    /** Longer strings are not refresh tokens and are refused before hashing. */
    private static final int MAX_REFRESH_TOKEN_LENGTH = 128;

    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope");

    private final SecureRandom random = new SecureRandom();
    private final String issuer;
    private final KeyRing keys;
    private final String type;
    private final List<String> audience;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final Clock clock;
    private final RefreshTokenStore refreshTokens;

    private TokenIssuer(Builder builder) {
        this.issuer = builder.issuer;
        this.keys = builder.keys;
        this.type = builder.type;
        this.audience = List.copyOf(builder.audience);
        this.accessTokenTtl = builder.accessTokenTtl;
        this.refreshTokenTtl = builder.refreshTokenTtl;
        this.clock = builder.clock;
        this.refreshTokens =
                builder.refreshTokens != null ? builder.refreshTokens : RefreshTokenStore.inMemory(clock, 1_000_000);
    }

    /**
     * Starts an issuer.
     *
     * @param issuer the {@code iss} of every token, usually this service's URL
     * @param key the signing key
     * @return a builder
     */
    public static Builder builder(String issuer, SigningKey key) {
        return new Builder(issuer, KeyRing.of(Objects.requireNonNull(key, "key")));
    }

    /**
     * Starts an issuer that signs with the ring's active key, so keys rotate without restarting it.
     *
     * @param issuer the {@code iss} of every token
     * @param keys the key ring
     * @return a builder
     */
    public static Builder builder(String issuer, KeyRing keys) {
        return new Builder(issuer, Objects.requireNonNull(keys, "keys"));
    }

    /**
     * The keys that verify this issuer's tokens, for a {@link JwtVerifier}.
     *
     * @return the verification keys
     */
    public KeySource verificationKeys() {
        return keys.verificationKeys();
    }

    /**
     * Issues an access token.
     *
     * @param subject the {@code sub}
     * @param scopes the {@code scope} values (space-separated in the token)
     * @return the signed JWT
     * @throws IllegalArgumentException when the subject is blank or a scope is blank or contains a space
     */
    public String accessToken(String subject, Collection<String> scopes) {
        return accessToken(subject, scopes, Map.of());
    }

    /**
     * Issues an access token with extra claims.
     *
     * @param subject the {@code sub}
     * @param scopes the {@code scope} values
     * @param extraClaims further claims (strings, numbers, booleans, lists and maps of those); registered names
     *     ({@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code nbf}, {@code iat}, {@code jti}, {@code scope})
     *     are refused
     * @return the signed JWT
     * @throws IllegalArgumentException on a blank subject, a bad scope, or a registered claim name in extras
     */
    public String accessToken(String subject, Collection<String> scopes, Map<String, ?> extraClaims) {
        return signAccessToken(subject, checkScopes(scopes), extraClaims, clock.instant());
    }

    /**
     * Issues an access token and a new refresh token family, as at login.
     *
     * @param subject the user
     * @param scopes the granted scopes
     * @return both tokens
     * @throws StoreUnavailableException when the refresh token store cannot save the new token (nothing was issued)
     */
    public TokenPair issue(String subject, Collection<String> scopes) {
        return issuePair(newId(), subject, checkScopes(scopes), clock.instant());
    }

    /**
     * Rotates a refresh token: on success it is used up and a new pair replaces it.
     *
     * @param refreshToken the token the client presented; any string, null included
     * @return {@link RefreshOutcome.Refreshed}, {@link RefreshOutcome.Rejected}, or {@link RefreshOutcome.Unavailable}
     *     when the store cannot answer (if it failed after the token was consumed, that token is spent); never an
     *     exception
     */
    @CheckReturnValue
    public RefreshOutcome refresh(@Nullable String refreshToken) {
        if (refreshToken == null
                || refreshToken.isEmpty()
                || refreshToken.length() > MAX_REFRESH_TOKEN_LENGTH
                || Base64Url.decode(refreshToken, 0, refreshToken.length()) == null) {
            return new RefreshOutcome.Rejected(RefreshOutcome.Reason.UNKNOWN);
        }
        Instant now = clock.instant();
        RefreshTokenStore.Consumption consumption;
        try {
            consumption = refreshTokens.consume(hash(refreshToken));
        } catch (StoreUnavailableException e) {
            return new RefreshOutcome.Unavailable(String.valueOf(e.getMessage()));
        }
        if (consumption instanceof RefreshTokenStore.Consumption.Reused reused) {
            try {
                refreshTokens.revokeFamily(reused.grant().familyId(), now.plus(refreshTokenTtl));
            } catch (StoreUnavailableException e) {
                // The replay is refused either way. The family could not be revoked now; a later replay of any
                // used member is refused as a reuse again, which tries the revocation again.
                LOG.log(System.Logger.Level.WARNING, "a reused refresh token's family could not be revoked now", e);
            }
            return new RefreshOutcome.Rejected(RefreshOutcome.Reason.REUSED);
        }
        if (consumption instanceof RefreshTokenStore.Consumption.FamilyRevoked) {
            return new RefreshOutcome.Rejected(RefreshOutcome.Reason.REVOKED);
        }
        if (!(consumption instanceof RefreshTokenStore.Consumption.First first)) {
            return new RefreshOutcome.Rejected(RefreshOutcome.Reason.UNKNOWN);
        }
        RefreshTokenStore.Grant grant = first.grant();
        if (!now.isBefore(grant.expiresAt())) {
            return new RefreshOutcome.Rejected(RefreshOutcome.Reason.EXPIRED);
        }
        try {
            return new RefreshOutcome.Refreshed(
                    issuePair(grant.familyId(), grant.subject(), grant.scopes(), now), grant.subject(), grant.scopes());
        } catch (StoreUnavailableException e) {
            // The old token is spent and the new one could not be stored: the client must log in again.
            return new RefreshOutcome.Unavailable(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Logs out: revokes the family of a refresh token, so neither it nor any other member refreshes again.
     *
     * @param refreshToken the client's current refresh token
     * @return true when the token was known and its family is now revoked
     * @throws StoreUnavailableException when the refresh token store cannot answer (nothing was revoked)
     */
    public boolean revokeFamily(@Nullable String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty() || refreshToken.length() > MAX_REFRESH_TOKEN_LENGTH) {
            return false;
        }
        RefreshTokenStore.Consumption consumption = refreshTokens.consume(hash(refreshToken));
        RefreshTokenStore.Grant grant;
        if (consumption instanceof RefreshTokenStore.Consumption.First first) {
            grant = first.grant();
        } else if (consumption instanceof RefreshTokenStore.Consumption.Reused reused) {
            grant = reused.grant();
        } else if (consumption instanceof RefreshTokenStore.Consumption.FamilyRevoked revoked) {
            grant = revoked.grant();
        } else {
            return false;
        }
        refreshTokens.revokeFamily(grant.familyId(), clock.instant().plus(refreshTokenTtl));
        return true;
    }

    private TokenPair issuePair(String familyId, String subject, List<String> scopes, Instant now) {
        String access = signAccessToken(subject, scopes, Map.of(), now);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String refresh = Base64Url.encode(secret);
        Instant refreshExpiresAt = now.plus(refreshTokenTtl);
        refreshTokens.save(hash(refresh), new RefreshTokenStore.Grant(familyId, subject, scopes, refreshExpiresAt));
        return new TokenPair(access, now.plus(accessTokenTtl), refresh, refreshExpiresAt);
    }

    private String signAccessToken(String subject, List<String> scopes, Map<String, ?> extraClaims, Instant now) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        JsonValues.checkText("subject", subject);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience.size() == 1 ? audience.get(0) : audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(accessTokenTtl).getEpochSecond());
        claims.put("jti", newId());
        if (!scopes.isEmpty()) {
            claims.put("scope", String.join(" ", scopes));
        }
        for (Map.Entry<String, ?> extra : extraClaims.entrySet()) {
            if (REGISTERED.contains(extra.getKey())) {
                throw new IllegalArgumentException(
                        "claim " + extra.getKey() + " is set by the issuer and cannot be given as an extra");
            }
            JsonValues.checkText("an extra claim name", Objects.requireNonNull(extra.getKey(), "claim name"));
            JsonValues.checkValue(extra.getKey(), extra.getValue());
            claims.put(extra.getKey(), extra.getValue());
        }
        SigningKey key = keys.active();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm().name());
        header.put("typ", type);
        header.put("kid", key.keyId());
        String signingInput = json(header) + "." + json(claims);
        return signingInput + "." + key.sign(signingInput);
    }

    private static String json(Map<String, Object> members) {
        return Base64Url.encode(JSONObjectUtils.toJSONString(members).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> checkScopes(Collection<String> scopes) {
        Set<String> unique = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (!Text.isScopeToken(scope)) {
                throw new IllegalArgumentException("invalid scope token: " + scope);
            }
            unique.add(scope);
        }
        return new ArrayList<>(unique);
    }

    private String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64Url.encode(id);
    }

    private static String hash(String refreshToken) {
        return Base64Url.encode(Sha256.of(refreshToken));
    }

    /** Configures a {@link TokenIssuer}. Not thread-safe. */
    public static final class Builder {
        private final String issuer;
        private final KeyRing keys;
        private final Set<String> audience = new LinkedHashSet<>();
        private Duration accessTokenTtl = Duration.ofMinutes(15);
        private Duration refreshTokenTtl = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();
        private @Nullable RefreshTokenStore refreshTokens;
        private String type = "JWT";

        private Builder(String issuer, KeyRing keys) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.keys = keys;
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            JsonValues.checkText("issuer", issuer);
        }

        /**
         * The {@code aud} of every access token; at least one is required.
         *
         * @param audience the audiences
         * @return this builder
         */
        public Builder audience(String... audience) {
            for (String value : audience) {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("audience must not be blank");
                }
                this.audience.add(JsonValues.checkText("audience", value));
            }
            return this;
        }

        /**
         * How long access tokens live; 15 minutes by default.
         *
         * @param ttl between 10 seconds and 24 hours
         * @return this builder
         */
        public Builder accessTokenTtl(Duration ttl) {
            accessTokenTtl = Durations.within("accessTokenTtl", ttl, Duration.ofSeconds(10), Duration.ofHours(24));
            return this;
        }

        /**
         * How long each refresh token lives (each rotation starts a new one); 30 days by default.
         *
         * @param ttl between one minute and 365 days
         * @return this builder
         */
        public Builder refreshTokenTtl(Duration ttl) {
            refreshTokenTtl = Durations.within("refreshTokenTtl", ttl, Duration.ofMinutes(1), Duration.ofDays(365));
            return this;
        }

        /**
         * The clock; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where refresh tokens are kept; {@link RefreshTokenStore#inMemory} (one million tokens) by default.
         *
         * @param store the store
         * @return this builder
         */
        public Builder refreshTokens(RefreshTokenStore store) {
            this.refreshTokens = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The {@code typ} header; {@code JWT} by default, {@code at+jwt} for RFC 9068 access tokens.
         *
         * @param type the media type
         * @return this builder
         */
        public Builder type(String type) {
            Objects.requireNonNull(type, "type");
            if (type.isBlank()) {
                throw new IllegalArgumentException("type must not be blank");
            }
            this.type = JsonValues.checkText("type", type);
            return this;
        }

        /**
         * Builds the issuer.
         *
         * @return the issuer
         * @throws IllegalStateException when no audience was given
         */
        public TokenIssuer build() {
            if (audience.isEmpty()) {
                throw new IllegalStateException("no audience: access tokens must name who they are for");
            }
            return new TokenIssuer(this);
        }
    }
}
