/**
 * JWT authentication without a framework: verify, protect handlers, issue and rotate.
 *
 * <ul>
 *   <li>Verify tokens: {@link dev.groundwork.auth.JwtVerifier#builder()} with the issuer's
 *       {@link dev.groundwork.auth.KeySource} (a secret, a public key, a JWK set, a JWKS URL or OpenID Connect
 *       discovery); {@code verify} returns a {@link dev.groundwork.auth.VerificationOutcome}, never an exception.
 *   <li>Protect a handler: {@link dev.groundwork.auth.BearerAuthenticator} turns an {@code Authorization} header
 *       into an {@link dev.groundwork.auth.AuthOutcome}: the token, or the status and RFC 6750 challenge to send.
 *   <li>Issue tokens: {@link dev.groundwork.auth.TokenIssuer} signs access tokens with a
 *       {@link dev.groundwork.auth.KeyRing} and rotates refresh tokens with reuse detection
 *       ({@link dev.groundwork.auth.RefreshTokenStore}); {@link dev.groundwork.auth.RevocationList} revokes by
 *       {@code jti}.
 *   <li>Machine clients and people, in their own packages: {@link dev.groundwork.auth.apikey.ApiKeys} and
 *       {@link dev.groundwork.auth.password.PasswordHasher}.
 * </ul>
 *
 * <p>Every type states its thread-safety; verifiers, issuers and authenticators are immutable and meant to be shared.
 */
package dev.groundwork.auth;
