package dev.groundwork.examples.springboot;

import dev.groundwork.auth.AuthOutcome;
import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A servlet filter: answers the bearer challenge (401, 400, 403 or 503) itself, then 429 once the caller's subject is
 * over its limit, and otherwise passes the request on with the subject as a request attribute.
 */
// region filter
final class GroundworkFilter extends OncePerRequestFilter {
    private final BearerAuthenticator authenticator;
    private final KeyedRateLimiter<String> perSubject;

    GroundworkFilter(BearerAuthenticator authenticator, KeyedRateLimiter<String> perSubject) {
        this.authenticator = authenticator;
        this.perSubject = perSubject;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuthOutcome outcome = authenticator.authenticate(request.getHeader("Authorization"), "orders:read");
        if (outcome instanceof AuthOutcome.Challenge challenge) {
            challenge.headers().forEach(response::setHeader);
            response.setStatus(challenge.status());
            return;
        }
        String subject = ((AuthOutcome.Authenticated) outcome).token().subject().orElseThrow();
        Decision decision = perSubject.tryAcquire(subject);
        decision.headers().forEach(response::setHeader);
        if (!decision.allowed()) {
            response.setStatus(429);
            return;
        }
        request.setAttribute("subject", subject);
        chain.doFilter(request, response);
    }
}
// endregion
