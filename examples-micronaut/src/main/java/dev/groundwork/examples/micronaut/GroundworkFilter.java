package dev.groundwork.examples.micronaut;

import dev.groundwork.auth.AuthOutcome;
import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * A server filter: answers the bearer challenge (401, 400, 403 or 503) itself, then 429 once the caller's subject is
 * over its limit, and otherwise passes the request on with the subject as a request attribute. It runs on the
 * blocking pool because a cold or rotated key set is fetched from the identity provider.
 */
// region filter
@ServerFilter("/api/**")
final class GroundworkFilter {
    private final BearerAuthenticator authenticator;
    private final KeyedRateLimiter<String> perSubject;

    GroundworkFilter(BearerAuthenticator authenticator, KeyedRateLimiter<String> perSubject) {
        this.authenticator = authenticator;
        this.perSubject = perSubject;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        AuthOutcome outcome = authenticator.authenticate(request.getHeaders().get("Authorization"), "orders:read");
        if (outcome instanceof AuthOutcome.Challenge challenge) {
            return respond(challenge.status(), challenge.headers());
        }
        String subject = ((AuthOutcome.Authenticated) outcome).token().subject().orElseThrow();
        Decision decision = perSubject.tryAcquire(subject);
        if (!decision.allowed()) {
            return respond(429, decision.headers());
        }
        request.setAttribute("subject", subject);
        request.setAttribute("rateLimit", decision);
        return null;
    }

    @ResponseFilter
    void rateLimitHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute("rateLimit", Decision.class)
                .ifPresent(decision -> decision.headers().forEach(response::header));
    }

    private static MutableHttpResponse<?> respond(int status, Map<String, String> headers) {
        MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.valueOf(status));
        headers.forEach(response::header);
        return response;
    }
}
// endregion
