package dev.groundwork.auth;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.auth.internal.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates an HTTP request from its {@code Authorization} header (RFC 6750 bearer tokens) without a framework,
 * and tells the caller exactly what to answer when it fails.
 *
 * <ul>
 *   <li>no bearer credentials (no header, or another scheme): 401 with {@code WWW-Authenticate: Bearer realm=...};
 *   <li>a malformed header: 400 {@code invalid_request};
 *   <li>a token that fails verification: 401 {@code invalid_token} with a fixed description per reason (never a
 *       claim value);
 *   <li>a valid token without the required scopes: 403 {@code insufficient_scope} naming them;
 *   <li>the issuer's keys or the revocation list unavailable: 503 with {@code Retry-After}, so clients retry instead
 *       of re-authenticating.
 * </ul>
 *
 * <pre>{@code
 * BearerAuthenticator auth =
 *         BearerAuthenticator.builder(verifier).realm("orders").build();
 * AuthOutcome outcome = auth.authenticate(request.header("Authorization"), "orders:read");
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class BearerAuthenticator {
    /** Longer headers are refused before they are scanned. */
    static final int MAX_HEADER_LENGTH = 64 * 1024;

    private final JwtVerifier verifier;
    private final @Nullable String realm;
    private final Duration retryAfter;
    private final String scheme;

    private BearerAuthenticator(JwtVerifier verifier, @Nullable String realm, Duration retryAfter, String scheme) {
        this.verifier = verifier;
        this.realm = realm;
        this.retryAfter = retryAfter;
        this.scheme = scheme;
    }

    /**
     * An authenticator with no realm and a 30-second {@code Retry-After}.
     *
     * @param verifier the verifier tokens must pass
     * @return the authenticator
     */
    public static BearerAuthenticator of(JwtVerifier verifier) {
        return builder(verifier).build();
    }

    /**
     * Starts an authenticator.
     *
     * @param verifier the verifier tokens must pass
     * @return a builder
     */
    public static Builder builder(JwtVerifier verifier) {
        return new Builder(Objects.requireNonNull(verifier, "verifier"));
    }

    /**
     * Authenticates a request.
     *
     * @param authorization the {@code Authorization} header value, or null when absent
     * @param requiredScopes scopes the token must all carry (see {@link AccessToken#scopes()})
     * @return {@link AuthOutcome.Authenticated} or the {@link AuthOutcome.Challenge} to answer with
     * @throws IllegalArgumentException when a required scope is not a scope-token (RFC 6749 §3.3: printable ASCII
     *     without spaces, quotes or backslashes), which no token could carry and no challenge could name
     */
    @CheckReturnValue
    public AuthOutcome authenticate(@Nullable String authorization, String... requiredScopes) {
        for (String scope : requiredScopes) {
            if (!Text.isScopeToken(scope)) {
                throw new IllegalArgumentException("a required scope is not an RFC 6749 scope-token: " + scope);
            }
        }
        if (authorization == null || authorization.isBlank()) {
            return challenge(401, "", null, null, null);
        }
        if (authorization.length() > MAX_HEADER_LENGTH) {
            return challenge(400, "invalid_request", "The Authorization header is too long", null, null);
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        String offered = space < 0 ? header : header.substring(0, space);
        if (!offered.equalsIgnoreCase("Bearer") && !offered.equalsIgnoreCase(scheme)) {
            // Another scheme (Basic, DPoP, ...): no bearer credentials were offered (RFC 6750 §3.1).
            return challenge(401, "", null, null, null);
        }
        String token = space < 0 ? "" : header.substring(space + 1).stripLeading();
        if (!isB64Token(token)) {
            return challenge(
                    400,
                    "invalid_request",
                    "The Authorization header is not the " + scheme + " scheme and a token",
                    null,
                    null);
        }
        VerificationOutcome verification = verifier.verify(token);
        if (verification instanceof VerificationOutcome.Rejected rejected) {
            VerificationOutcome.Reason reason = rejected.reason();
            if (reason.isServerFault()) {
                return new AuthOutcome.Challenge(
                        503,
                        Map.of("Retry-After", Long.toString(retryAfter.toSeconds())),
                        "temporarily_unavailable",
                        reason);
            }
            return challenge(401, "invalid_token", describe(reason), null, reason);
        }
        AccessToken accessToken = ((VerificationOutcome.Verified) verification).token();
        List<String> missing = new ArrayList<>();
        for (String scope : requiredScopes) {
            if (!accessToken.scopes().contains(scope)) {
                missing.add(scope);
            }
        }
        if (!missing.isEmpty()) {
            return challenge(
                    403,
                    "insufficient_scope",
                    "The access token lacks a required scope",
                    String.join(" ", requiredScopes),
                    null);
        }
        return new AuthOutcome.Authenticated(accessToken);
    }

    private AuthOutcome.Challenge challenge(
            int status,
            String error,
            @Nullable String description,
            @Nullable String scope,
            VerificationOutcome.@Nullable Reason reason) {
        StringBuilder value = new StringBuilder(scheme);
        List<String> params = new ArrayList<>(4);
        // Every value goes through quoted(), which keeps it inside the RFC 6750 §3 grammar: the realm and scopes
        // are checked where they enter, the error codes are fixed, and descriptions are forced into NQCHAR.
        if (realm != null) {
            params.add(quoted("realm", realm));
        }
        if (!error.isEmpty()) {
            params.add(quoted("error", error));
        }
        if (description != null) {
            params.add(quoted("error_description", description));
        }
        if (scope != null) {
            params.add(quoted("scope", scope));
        }
        if (!params.isEmpty()) {
            value.append(' ').append(String.join(", ", params));
        }
        return new AuthOutcome.Challenge(status, Map.of("WWW-Authenticate", value.toString()), error, reason);
    }

    /**
     * {@code name="value"} with the value reduced to RFC 6750 §3's {@code NQCHAR} ({@code %x20-21 / %x23-5B /
     * %x5D-7E}): no quote, backslash or control character can break out of the quoted-string, whatever text a
     * future change passes in. The values used today are already NQCHAR, so nothing is replaced in practice.
     */
    private static String quoted(String name, String value) {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 3)
                .append(name)
                .append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == '"' ? '\'' : c == '\\' ? '/' : c < 0x20 || c > 0x7E ? '?' : c);
        }
        return out.append('"').toString();
    }

    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String token) {
        int length = token.length();
        int end = length;
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Fixed texts: RFC 6750 limits error_description to printable ASCII without quotes or backslashes. */
    static String describe(VerificationOutcome.Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> "The access token is too large";
            case MALFORMED -> "The access token is malformed";
            case UNSUPPORTED_ALGORITHM -> "The access token is signed with an algorithm that is not accepted";
            case UNSUPPORTED_CRITICAL_HEADER -> "The access token requires an unsupported extension";
            case WRONG_TYPE -> "The access token has the wrong type";
            case WRONG_ISSUER -> "The access token is from an untrusted issuer";
            case UNKNOWN_KEY -> "The access token is signed with an unknown key";
            case BAD_SIGNATURE -> "The access token signature is invalid";
            case EXPIRED -> "The access token expired";
            case NOT_YET_VALID -> "The access token is not valid yet";
            case ISSUED_IN_FUTURE -> "The access token is issued in the future";
            case WRONG_AUDIENCE -> "The access token is not meant for this resource";
            case MISSING_CLAIM -> "The access token lacks a required claim";
            case INVALID_CLAIM -> "The access token has an invalid claim";
            case REVOKED -> "The access token has been revoked";
            case KEYS_UNAVAILABLE -> "The token issuer keys are unavailable";
            case REVOCATION_UNAVAILABLE -> "Token revocation cannot be checked right now";
        };
    }

    /** Configures a {@link BearerAuthenticator}. Not thread-safe. */
    public static final class Builder {
        private final JwtVerifier verifier;
        private @Nullable String realm;
        private Duration retryAfter = Duration.ofSeconds(30);
        private String scheme = "Bearer";

        private Builder(JwtVerifier verifier) {
            this.verifier = verifier;
        }

        /**
         * The realm named in every challenge.
         *
         * @param realm printable ASCII without quotes or backslashes
         * @return this builder
         * @throws IllegalArgumentException when the realm could not be quoted safely
         */
        public Builder realm(String realm) {
            Objects.requireNonNull(realm, "realm");
            for (int i = 0; i < realm.length(); i++) {
                char c = realm.charAt(i);
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                    throw new IllegalArgumentException("realm must be printable ASCII without quotes or backslashes");
                }
            }
            this.realm = realm;
            return this;
        }

        /**
         * The {@code Retry-After} sent with 503 when the issuer's keys or the revocation list are unavailable; 30
         * seconds by default.
         *
         * @param delay between one second and one hour
         * @return this builder
         * @throws IllegalArgumentException when outside that range
         */
        public Builder retryAfter(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.compareTo(Duration.ofSeconds(1)) < 0 || delay.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("retry-after must be between 1 s and 1 h: " + delay);
            }
            this.retryAfter = delay;
            return this;
        }

        /**
         * The scheme name an API uses for its bearer tokens instead of {@code Bearer}, such as RealWorld's
         * {@code Authorization: Token <jwt>}. Challenges name it; {@code Bearer} is accepted as well, so standard
         * clients keep working. Compared without regard to case, as every authentication scheme is (RFC 9110
         * §11.1).
         *
         * @param name an RFC 9110 token of 1 to 32 characters (letters, digits and {@code !#$%&'*+-.^_`|~})
         * @return this builder
         * @throws IllegalArgumentException for anything else, which could not appear in a header as a scheme
         */
        public Builder scheme(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > 32 || !name.chars().allMatch(Builder::isTchar)) {
                throw new IllegalArgumentException(
                        "a scheme name is 1 to 32 letters, digits or !#$%&'*+-.^_`|~ (RFC 9110 token)");
            }
            this.scheme = name;
            return this;
        }

        private static boolean isTchar(int c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }

        /**
         * Builds the authenticator.
         *
         * @return the authenticator
         */
        public BearerAuthenticator build() {
            return new BearerAuthenticator(verifier, realm, retryAfter, scheme);
        }
    }
}
