package dev.groundwork.examples.micronaut;

import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.JwtVerifier;
import dev.groundwork.auth.KeySource;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.RateLimiter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The Groundwork objects as Micronaut beans; {@link GroundworkFilter} uses them in front of {@code /api/**}. The
 * identity provider's keys are found through its OpenID Connect discovery document.
 */
@Factory
class GroundworkFactory {
    // region beans
    @Singleton
    BearerAuthenticator authenticator(@Value("${orders.issuer}") String issuer) {
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(issuer, KeySource.oidcDiscovery(issuer))
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256, JwsAlgorithm.RS256)
                .build();
        return BearerAuthenticator.builder(verifier).realm("orders").build();
    }

    @Singleton
    KeyedRateLimiter<String> perSubject(@Value("${orders.requests-per-minute:600}") int perMinute) {
        return RateLimiter.builder()
                .limit(Limit.perMinute(perMinute).named("api"))
                .limit(Limit.perDay(50_000).named("daily"))
                .buildKeyed();
    }
    // endregion
}
