package dev.groundwork.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token and the refresh token that renews it, as a login or refresh endpoint returns them.
 *
 * @param accessToken the signed JWT
 * @param accessTokenExpiresAt the access token's {@code exp}
 * @param refreshToken the opaque refresh token; shown to the client once, stored only as a hash
 * @param refreshTokenExpiresAt when the refresh token stops working
 */
public record TokenPair(
        String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt) {
    /**
     * Checks the components.
     *
     * @param accessToken the signed JWT
     * @param accessTokenExpiresAt the access token's expiry
     * @param refreshToken the opaque refresh token
     * @param refreshTokenExpiresAt the refresh token's expiry
     */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
    }

    @Override
    public String toString() {
        // Never the tokens themselves: toString ends up in logs.
        return "TokenPair[accessTokenExpiresAt=" + accessTokenExpiresAt + ", refreshTokenExpiresAt="
                + refreshTokenExpiresAt + "]";
    }
}
