package dev.groundwork.examples.springboot;

import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.auth.JwsAlgorithm;
import dev.groundwork.auth.JwtVerifier;
import dev.groundwork.auth.KeySource;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import dev.groundwork.ratelimit.Limit;
import dev.groundwork.ratelimit.RateLimiter;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Groundwork objects as Spring beans, and the filter that uses them in front of {@code /api/*}. */
@Configuration
class GroundworkConfiguration {
    // region beans
    @Bean
    BearerAuthenticator authenticator(@Value("${orders.issuer}") String issuer, @Value("${orders.jwks-uri}") URI jwks) {
        JwtVerifier verifier = JwtVerifier.builder()
                .issuer(issuer, KeySource.remoteJwks(jwks))
                .audience("orders-api")
                .algorithms(JwsAlgorithm.ES256)
                .build();
        return BearerAuthenticator.builder(verifier).realm("orders").build();
    }

    @Bean
    KeyedRateLimiter<String> perSubject(@Value("${orders.requests-per-minute:600}") int perMinute) {
        return RateLimiter.builder()
                .limit(Limit.perMinute(perMinute).named("api"))
                .buildKeyed();
    }

    @Bean
    FilterRegistrationBean<GroundworkFilter> groundworkFilter(
            BearerAuthenticator authenticator, KeyedRateLimiter<String> perSubject) {
        var registration = new FilterRegistrationBean<>(new GroundworkFilter(authenticator, perSubject));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
    // endregion
}
