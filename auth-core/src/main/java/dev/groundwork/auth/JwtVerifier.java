package dev.groundwork.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.auth.internal.CreationExpiry;
import dev.groundwork.auth.internal.IssuerPolicy;
import dev.groundwork.auth.internal.KeyLookup;
import dev.groundwork.auth.internal.ParsedToken;
import dev.groundwork.auth.internal.Times;
import dev.groundwork.auth.internal.VerifierKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies compact JWS tokens (RFC 7515, RFC 7519) and returns a {@link VerificationOutcome}, never an exception, for any
 * input.
 *
 * <p>The builder fails closed: it refuses to build without a trusted issuer and its keys, an audience (or an
 * explicit {@link Builder#anyAudience()}), and an algorithm allow-list. {@code exp} is required unless told
 * otherwise. Checks run in this order, and the first failure is the {@link VerificationOutcome.Reason}: size limit (before any
 * decoding), structure and base64url, JSON, issuer routing (before any key lookup), algorithm allow-list,
 * {@code crit}, {@code typ}, key lookup, signature, time claims, audience, required claims, custom rules.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *         .issuer("https://id.example.com", KeySource.jwkSet(jwksJson))
 *         .audience("orders-api")
 *         .algorithms(JwsAlgorithm.RS256, JwsAlgorithm.ES256)
 *         .build();
 * }</pre>
 *
 * <p>Immutable; thread-safe; share one instance.
 */
public final class JwtVerifier {
    /** The default size limit: 8 KiB, far above any sane token and far below what hurts a parser. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    /** The default clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** The largest clock skew a builder accepts. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    static final int MAX_KEY_ID_LENGTH = 256;

    /** The last second of year 9999, the latest NumericDate accepted. */
    static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    /** The start of the detail of a rejection that only a bug can cause; tests fail when they see it. */
    static final String UNEXPECTED_FAILURE = "unexpected failure (";

    private static final System.Logger LOG = System.getLogger(JwtVerifier.class.getName());

    private final Map<String, IssuerPolicy> policies;
    private final int maxTokenLength;
    private final int cacheSize;
    private final @Nullable Cache<String, CachedToken> cache;

    /** A verified token and the policy it passed. */
    private record CachedToken(AccessToken token, IssuerPolicy policy) {}

    private JwtVerifier(Map<String, IssuerPolicy> policies, int cacheSize) {
        this.policies = Map.copyOf(policies);
        this.maxTokenLength = policies.values().stream()
                .mapToInt(IssuerPolicy::maxTokenLength)
                .max()
                .orElse(DEFAULT_MAX_TOKEN_LENGTH);
        this.cacheSize = cacheSize;
        this.cache = cacheSize == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(cacheSize)
                        .expireAfter(CreationExpiry.of((String token, CachedToken cached) -> untilExpiry(cached)))
                        .build();
    }

    /** Entries die when their token expires (plus skew), by the policy's clock. */
    private static Duration untilExpiry(CachedToken cached) {
        Instant expiresAt = cached.token().expiresAt().orElseThrow();
        Duration left = Duration.between(
                cached.policy().clock().instant(),
                Times.plus(expiresAt, cached.policy().clockSkew()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Starts a verifier.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One verifier for several issuers, each checked by the rules of the verifier that trusts it. A token is routed
     * by its {@code iss} claim before any key is looked up, so one issuer's keys never verify another's tokens.
     * The combined verifier caches verified tokens if any part does, with the largest of their cache sizes.
     *
     * @param verifiers verifiers for disjoint sets of issuers
     * @return the combined verifier
     * @throws IllegalArgumentException when two verifiers trust the same issuer, or none is given
     */
    public static JwtVerifier forIssuers(JwtVerifier... verifiers) {
        if (verifiers.length == 0) {
            throw new IllegalArgumentException("no verifiers given");
        }
        Map<String, IssuerPolicy> all = new LinkedHashMap<>();
        int largestCache = 0;
        for (JwtVerifier verifier : verifiers) {
            largestCache = Math.max(largestCache, verifier.cacheSize);
            for (IssuerPolicy policy : verifier.policies.values()) {
                if (all.putIfAbsent(policy.issuer(), policy) != null) {
                    throw new IllegalArgumentException("issuer " + policy.issuer() + " is trusted by two verifiers");
                }
            }
        }
        return new JwtVerifier(all, largestCache);
    }

    /**
     * Verifies a compact JWS.
     *
     * @param token the token, as taken from the request; null is rejected as {@link VerificationOutcome.Reason#MALFORMED}
     * @return {@link VerificationOutcome.Verified} or {@link VerificationOutcome.Rejected}; never null, never an exception
     */
    @CheckReturnValue
    public VerificationOutcome verify(@Nullable CharSequence token) {
        try {
            if (cache != null && token != null && token.length() <= maxTokenLength) {
                String key = token.toString();
                CachedToken cached = cache.getIfPresent(key);
                if (cached != null) {
                    VerificationOutcome again = recheck(cached);
                    if (again != null) {
                        return again;
                    }
                    cache.invalidate(key);
                }
            }
            ParsedToken.Result parsed = ParsedToken.parse(token, maxTokenLength);
            if (parsed instanceof ParsedToken.NotParsed not) {
                return new VerificationOutcome.Rejected(not.reason(), not.detail());
            }
            ParsedToken parsedToken = ((ParsedToken.Parsed) parsed).token();
            Object iss = parsedToken.payload().get("iss");
            if (!(iss instanceof String issuer)) {
                return reject(
                        VerificationOutcome.Reason.WRONG_ISSUER, iss == null ? "no iss claim" : "iss is not a string");
            }
            IssuerPolicy policy = policies.get(issuer);
            if (policy == null) {
                return reject(VerificationOutcome.Reason.WRONG_ISSUER, "iss is not a trusted issuer");
            }
            VerificationOutcome verification = check(parsedToken, policy);
            if (cache != null
                    && verification instanceof VerificationOutcome.Verified verified
                    && verified.token().expiresAt().isPresent()) {
                cache.put(parsedToken.compact(), new CachedToken(verified.token(), policy));
            }
            return verification;
        } catch (RuntimeException e) {
            // Defence in depth: no input may crash the caller. Every known path above returns a typed result, so
            // reaching this is a bug in this class; the fuzz tests fail whenever a detail starts with this text.
            LOG.log(System.Logger.Level.WARNING, "unexpected failure while verifying a token", e);
            return reject(
                    VerificationOutcome.Reason.MALFORMED,
                    UNEXPECTED_FAILURE + e.getClass().getSimpleName() + ")");
        }
    }

    private static VerificationOutcome reject(VerificationOutcome.Reason reason, String detail) {
        return new VerificationOutcome.Rejected(reason, detail);
    }

    /**
     * A cache hit costs a lookup, not a signature: the time checks run again, and the key that verified the token
     * must still be one of the issuer's keys (a key removed from a JWKS stops its cached tokens at once). Returns
     * null when the entry must be dropped and the token verified from scratch.
     */
    private static @Nullable VerificationOutcome recheck(CachedToken cached) {
        AccessToken token = cached.token();
        IssuerPolicy policy = cached.policy();
        Instant now = policy.clock().instant();
        Instant expiresAt = token.expiresAt().orElseThrow();
        if (isExpired(now, expiresAt, policy.clockSkew())) {
            return expired();
        }
        KeyLookup lookup = policy.keys().lookup(token.keyId().orElse(null), token.algorithm());
        if (!(lookup instanceof KeyLookup.Found found) || !found.keys().contains(token.verifiedBy())) {
            return null;
        }
        VerificationOutcome revocation = revocation(policy, token.jwtId().orElse(null));
        return revocation != null ? revocation : new VerificationOutcome.Verified(token);
    }

    /** A rejection when the token is revoked or its revocation cannot be checked; null when it may pass. */
    private static @Nullable VerificationOutcome revocation(IssuerPolicy policy, @Nullable String jwtId) {
        RevocationList revocations = policy.revocations();
        if (revocations == null || jwtId == null) {
            return null;
        }
        try {
            return revocations.isRevoked(jwtId)
                    ? reject(VerificationOutcome.Reason.REVOKED, "the token's jti has been revoked")
                    : null;
        } catch (StoreUnavailableException e) {
            return reject(VerificationOutcome.Reason.REVOCATION_UNAVAILABLE, "the revocation list cannot be read now");
        }
    }

    /**
     * Exact at the boundary: a token is expired from {@code exp + skew} on (RFC 7519 §4.1.4). Total: an {@code exp}
     * near {@link Instant#MAX} saturates instead of throwing.
     */
    private static boolean isExpired(Instant now, Instant expiresAt, Duration skew) {
        return !now.isBefore(Times.plus(expiresAt, skew));
    }

    // Details never repeat a claim value (they end up in logs, and a token's contents are the caller's data).
    private static VerificationOutcome expired() {
        return reject(VerificationOutcome.Reason.EXPIRED, "exp plus the clock skew is in the past");
    }

    private static VerificationOutcome check(ParsedToken token, IssuerPolicy policy) {
        if (token.compact().length() > policy.maxTokenLength()) {
            return reject(
                    VerificationOutcome.Reason.TOO_LARGE,
                    "token exceeds the issuer's limit of " + policy.maxTokenLength());
        }
        Map<String, Object> header = token.header();
        Object alg = header.get("alg");
        if (!(alg instanceof String algName)) {
            return reject(VerificationOutcome.Reason.MALFORMED, "alg header missing or not a string");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.fromHeader(algName).orElse(null);
        if (algorithm == null || !policy.algorithms().contains(algorithm)) {
            return reject(
                    VerificationOutcome.Reason.UNSUPPORTED_ALGORITHM,
                    "alg is not in the allow-list " + policy.algorithms());
        }
        if (header.containsKey("crit")) {
            // We implement no JWS extension, so any critical one must be refused (RFC 7515 §4.1.11).
            return reject(
                    VerificationOutcome.Reason.UNSUPPORTED_CRITICAL_HEADER,
                    "crit names extensions this verifier does not understand");
        }
        Object typ = header.get("typ");
        if (typ != null && !(typ instanceof String)) {
            return reject(VerificationOutcome.Reason.MALFORMED, "typ header is not a string");
        }
        if (!typeAccepted((String) typ, policy.types())) {
            return reject(
                    VerificationOutcome.Reason.WRONG_TYPE,
                    "typ is not one of " + (policy.types().isEmpty() ? "[jwt]" : policy.types()));
        }
        Object kid = header.get("kid");
        if (kid != null && (!(kid instanceof String kidText) || kidText.length() > MAX_KEY_ID_LENGTH)) {
            return reject(
                    VerificationOutcome.Reason.MALFORMED,
                    "kid header is not a string of at most " + MAX_KEY_ID_LENGTH + " characters");
        }
        String keyId = (String) kid;

        KeyLookup lookup = policy.keys().lookup(keyId, algorithm);
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            return reject(VerificationOutcome.Reason.KEYS_UNAVAILABLE, unavailable.why());
        }
        if (!(lookup instanceof KeyLookup.Found found)) {
            return reject(VerificationOutcome.Reason.UNKNOWN_KEY, "no key of the issuer matches the kid and alg");
        }
        byte[] signingInput = token.signingInput();
        String compact = token.compact();
        for (VerifierKey key : found.keys()) {
            if (key.verify(algorithm, signingInput, compact, token.signingInputEnd() + 1, compact.length())) {
                return checkClaims(token, policy, algorithm, key, keyId, (String) typ);
            }
        }
        return reject(VerificationOutcome.Reason.BAD_SIGNATURE, "signature does not verify");
    }

    private static boolean typeAccepted(@Nullable String typ, Set<String> accepted) {
        if (accepted.isEmpty()) {
            return typ == null || normalizeType(typ).equals("jwt");
        }
        return typ != null && accepted.contains(normalizeType(typ));
    }

    /** RFC 7515 §4.1.9: media types compare case-insensitively, and {@code application/} may be omitted. */
    static String normalizeType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    private static VerificationOutcome checkClaims(
            ParsedToken token,
            IssuerPolicy policy,
            JwsAlgorithm algorithm,
            VerifierKey verifiedBy,
            @Nullable String keyId,
            @Nullable String typ) {
        Map<String, Object> claims = token.payload();
        Instant expiresAt;
        Instant notBefore;
        Instant issuedAt;
        try {
            expiresAt = instant(claims, "exp");
            notBefore = instant(claims, "nbf");
            issuedAt = instant(claims, "iat");
        } catch (InvalidClaim e) {
            return reject(VerificationOutcome.Reason.INVALID_CLAIM, e.detail());
        }
        Instant now = policy.clock().instant();
        Duration skew = policy.clockSkew();
        if (expiresAt == null) {
            if (policy.requireExpiration()) {
                return reject(VerificationOutcome.Reason.MISSING_CLAIM, "exp is required");
            }
        } else if (isExpired(now, expiresAt, skew)) {
            return expired();
        }
        Instant latestAccepted = Times.plus(now, skew);
        if (notBefore != null && latestAccepted.isBefore(notBefore)) {
            return reject(VerificationOutcome.Reason.NOT_YET_VALID, "nbf is further in the future than the clock skew");
        }
        if (issuedAt != null && latestAccepted.isBefore(issuedAt)) {
            return reject(
                    VerificationOutcome.Reason.ISSUED_IN_FUTURE, "iat is further in the future than the clock skew");
        }
        List<String> audience;
        Object aud = claims.get("aud");
        if (aud == null) {
            audience = List.of();
        } else if (aud instanceof String single) {
            audience = List.of(single);
        } else if (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            List<String> values = new ArrayList<>(list.size());
            for (Object value : list) {
                values.add((String) value);
            }
            audience = values;
        } else {
            return reject(VerificationOutcome.Reason.INVALID_CLAIM, "aud is neither a string nor an array of strings");
        }
        if (!policy.anyAudience() && audience.stream().noneMatch(policy.audiences()::contains)) {
            return reject(
                    audience.isEmpty()
                            ? VerificationOutcome.Reason.MISSING_CLAIM
                            : VerificationOutcome.Reason.WRONG_AUDIENCE,
                    audience.isEmpty() ? "aud is required" : "aud names none of " + policy.audiences());
        }
        for (String required : policy.requiredClaims()) {
            if (claims.get(required) == null) {
                return reject(VerificationOutcome.Reason.MISSING_CLAIM, required + " is required");
            }
        }
        Object sub = claims.get("sub");
        Object jti = claims.get("jti");
        if ((sub != null && !(sub instanceof String)) || (jti != null && !(jti instanceof String))) {
            return reject(VerificationOutcome.Reason.INVALID_CLAIM, "sub and jti must be strings");
        }
        AccessToken accessToken = new AccessToken(
                token.compact(),
                algorithm,
                verifiedBy,
                keyId,
                typ,
                policy.issuer(),
                (String) sub,
                audience,
                expiresAt,
                notBefore,
                issuedAt,
                (String) jti,
                claims,
                policy.authorityMapping());
        for (ClaimRule rule : policy.rules()) {
            boolean passed;
            try {
                passed = rule.test().test(accessToken);
            } catch (RuntimeException e) {
                passed = false;
            }
            if (!passed) {
                return reject(VerificationOutcome.Reason.INVALID_CLAIM, "claim rule failed: " + rule.description());
            }
        }
        VerificationOutcome revocation = revocation(policy, (String) jti);
        return revocation != null ? revocation : new VerificationOutcome.Verified(accessToken);
    }

    /**
     * A NumericDate claim (RFC 7519 §2): seconds since the epoch, possibly fractional, from 1970 to the end of year
     * 9999. RFC 7519 sets no bounds; these are the ones every system a token's times reach can hold (RFC 3339
     * timestamps, SQL and JavaScript dates, millisecond counters), so an {@code exp} in the year 292 million is an
     * invalid claim rather than a far-future expiry.
     */
    private static @Nullable Instant instant(Map<String, Object> claims, String name) throws InvalidClaim {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long seconds) {
            if (seconds < 0 || seconds > MAX_NUMERIC_DATE) {
                throw outOfRange(name);
            }
            return Instant.ofEpochSecond(seconds);
        }
        if (value instanceof Double seconds && Double.isFinite(seconds)) {
            // Compared as doubles first, so no cast can wrap around.
            if (seconds < 0 || seconds >= MAX_NUMERIC_DATE + 1) {
                throw outOfRange(name);
            }
            long whole = (long) Math.floor(seconds);
            long nanos = Math.min(999_999_999L, (long) ((seconds - whole) * 1_000_000_000L));
            return Instant.ofEpochSecond(whole, nanos);
        }
        throw new InvalidClaim(name + " is not a NumericDate");
    }

    private static InvalidClaim outOfRange(String name) {
        return new InvalidClaim(name + " is outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
    }

    private static final class InvalidClaim extends Exception {
        private static final long serialVersionUID = 1L;

        private final String detail;

        InvalidClaim(String detail) {
            super(detail, null, false, false);
            this.detail = detail;
        }

        String detail() {
            return detail;
        }
    }

    /**
     * Configures a {@link JwtVerifier}. Every issuer added shares the rules set on this builder. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, KeySource> issuers = new LinkedHashMap<>();
        private final Set<String> audiences = new LinkedHashSet<>();
        private boolean anyAudience;
        private final Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Clock clock = Clock.systemUTC();
        private boolean requireExpiration = true;
        private final Set<String> requiredClaims = new LinkedHashSet<>();
        private final Set<String> types = new LinkedHashSet<>();
        private final List<ClaimRule> rules = new ArrayList<>();
        private AuthorityMapping authorityMapping = AuthorityMapping.standard();
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
        private int cacheSize;
        private @Nullable RevocationList revocations;

        private Builder() {}

        /**
         * Trusts an issuer: tokens whose {@code iss} is exactly this value are verified with these keys. Call it
         * again for more issuers that share this builder's rules; for issuers with their own rules, build one
         * verifier each and combine them with {@link JwtVerifier#forIssuers}.
         *
         * @param issuer the exact {@code iss} value
         * @param keys the issuer's keys
         * @return this builder
         * @throws IllegalArgumentException when the issuer is blank or already added
         */
        public Builder issuer(String issuer, KeySource keys) {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(keys, "keys");
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            if (issuers.putIfAbsent(issuer, keys) != null) {
                throw new IllegalArgumentException("issuer " + issuer + " added twice");
            }
            return this;
        }

        /**
         * Accepts tokens whose {@code aud} names at least one of these audiences (RFC 7519 §4.1.3).
         *
         * @param audience one or more audience values
         * @return this builder
         * @throws IllegalArgumentException when an audience is blank
         */
        public Builder audience(String... audience) {
            for (String value : audience) {
                Objects.requireNonNull(value, "audience");
                if (value.isBlank()) {
                    throw new IllegalArgumentException("audience must not be blank");
                }
                audiences.add(value);
            }
            return this;
        }

        /**
         * Accepts any audience, or none. Required, instead of {@link #audience}, to build a verifier that does not
         * check {@code aud}: leaving it unchecked must be a decision, not an omission.
         *
         * @return this builder
         */
        public Builder anyAudience() {
            anyAudience = true;
            return this;
        }

        /**
         * The algorithms tokens may be signed with. The token's {@code alg} header only selects among these.
         *
         * @param allowed one or more algorithms
         * @return this builder
         */
        public Builder algorithms(JwsAlgorithm... allowed) {
            for (JwsAlgorithm algorithm : allowed) {
                algorithms.add(Objects.requireNonNull(algorithm, "algorithm"));
            }
            return this;
        }

        /**
         * Tolerance for clock differences on {@code exp}, {@code nbf} and {@code iat}; 60 seconds by default.
         *
         * @param skew between zero and five minutes
         * @return this builder
         * @throws IllegalArgumentException when negative or above five minutes
         */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW + ": " + skew);
            }
            clockSkew = skew;
            return this;
        }

        /**
         * The clock time checks read; the system UTC clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Accepts tokens without {@code exp}. Such a token is valid until its keys are gone; use only for tokens
         * that are revoked by other means.
         *
         * @return this builder
         */
        public Builder allowMissingExpiration() {
            requireExpiration = false;
            return this;
        }

        /**
         * Claims that must be present and not null, such as {@code sub} or {@code jti}.
         *
         * @param names claim names
         * @return this builder
         */
        public Builder requireClaims(String... names) {
            for (String name : names) {
                requiredClaims.add(Objects.requireNonNull(name, "claim name"));
            }
            return this;
        }

        /**
         * The {@code typ} header values accepted, such as {@code at+jwt} for RFC 9068 access tokens. Compared
         * case-insensitively, with or without {@code application/}. Once set, a token without {@code typ} is
         * refused. By default, {@code JWT} or no {@code typ} is accepted.
         *
         * @param accepted one or more types
         * @return this builder
         */
        public Builder types(String... accepted) {
            for (String type : accepted) {
                Objects.requireNonNull(type, "type");
                if (type.isBlank()) {
                    throw new IllegalArgumentException("type must not be blank");
                }
                types.add(normalizeType(type));
            }
            return this;
        }

        /**
         * Adds a custom check, run after the standard ones.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(ClaimRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Where {@link AccessToken#authorities()} come from; {@link AuthorityMapping#standard()} by default.
         *
         * @param mapping the mapping
         * @return this builder
         */
        public Builder authorities(AuthorityMapping mapping) {
            authorityMapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /**
         * The largest token accepted, in characters, checked before any decoding; 8 KiB by default.
         *
         * @param characters between 64 and 1 MiB
         * @return this builder
         * @throws IllegalArgumentException when outside that range
         */
        public Builder maxTokenLength(int characters) {
            if (characters < 64 || characters > 1024 * 1024) {
                throw new IllegalArgumentException("max token length must be between 64 and 1048576: " + characters);
            }
            maxTokenLength = characters;
            return this;
        }

        /**
         * Remembers up to this many verified tokens, so verifying the same token again costs a map lookup instead
         * of a signature check (for RS256 and ES256, the whole cost). On a hit the time checks run again and the
         * key that verified the token must still be one of the issuer's keys; entries die when the token expires.
         * Tokens without {@code exp} are never cached. Memory: about the token's length in bytes, twice, per
         * entry. Off by default.
         *
         * @param maxEntries between 1 and 10 000 000
         * @return this builder
         * @throws IllegalArgumentException when outside that range
         */
        public Builder cacheVerified(int maxEntries) {
            if (maxEntries < 1 || maxEntries > 10_000_000) {
                throw new IllegalArgumentException("cache size must be between 1 and 10000000: " + maxEntries);
            }
            cacheSize = maxEntries;
            return this;
        }

        /**
         * Rejects tokens whose {@code jti} is on this list with {@link VerificationOutcome.Reason#REVOKED}, checked last, on
         * every verification, cached ones included. Tokens without {@code jti} cannot be revoked; add
         * {@code requireClaims("jti")} to refuse them.
         *
         * @param list the revoked token ids
         * @return this builder
         */
        public Builder revocation(RevocationList list) {
            revocations = Objects.requireNonNull(list, "list");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         * @throws IllegalStateException when no issuer, no algorithm, or neither an audience nor
         *     {@link #anyAudience()} was given, or when both were
         */
        public JwtVerifier build() {
            if (issuers.isEmpty()) {
                throw new IllegalStateException("no trusted issuer: call issuer(iss, keys)");
            }
            if (algorithms.isEmpty()) {
                throw new IllegalStateException("no algorithm allow-list: call algorithms(...)");
            }
            if (audiences.isEmpty() && !anyAudience) {
                throw new IllegalStateException("no audience: call audience(...) or, deliberately, anyAudience()");
            }
            if (!audiences.isEmpty() && anyAudience) {
                throw new IllegalStateException("both audience(...) and anyAudience() were called");
            }
            Map<String, IssuerPolicy> policies = new LinkedHashMap<>();
            for (Map.Entry<String, KeySource> entry : issuers.entrySet()) {
                policies.put(
                        entry.getKey(),
                        new IssuerPolicy(
                                entry.getKey(),
                                entry.getValue(),
                                copy(algorithms),
                                Set.copyOf(audiences),
                                anyAudience,
                                clockSkew,
                                clock,
                                requireExpiration,
                                Set.copyOf(requiredClaims),
                                Set.copyOf(types),
                                List.copyOf(rules),
                                authorityMapping,
                                maxTokenLength,
                                revocations));
            }
            return new JwtVerifier(policies, cacheSize);
        }

        private static Set<JwsAlgorithm> copy(Collection<JwsAlgorithm> algorithms) {
            return java.util.Collections.unmodifiableSet(EnumSet.copyOf(algorithms));
        }
    }
}
