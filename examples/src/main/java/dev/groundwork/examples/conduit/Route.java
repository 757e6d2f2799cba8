package dev.groundwork.examples.conduit;

import dev.groundwork.apidocs.Operation;
import dev.groundwork.auth.AccessToken;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One operation of the API: what the router dispatches on and what the document describes, declared once so the
 * two cannot drift apart.
 *
 * @param method the HTTP method
 * @param path the path template, such as {@code /api/profiles/{username}}
 * @param access whether a token is required, optional or ignored
 * @param doc completes the operation's documentation (parameters, bodies, responses)
 * @param handler answers the request
 */
record Route(String method, String path, Access access, UnaryOperator<Operation> doc, Handler handler) {

    /** Who may call an operation. */
    enum Access {
        /** No token needed, none read. */
        PUBLIC,
        /** A token is read when sent (a wrong one is refused), and the call works without. */
        OPTIONAL,
        /** A valid token is needed. */
        REQUIRED
    }

    /** Answers a request. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request) throws Exception;
    }

    /**
     * A request as handlers see it.
     *
     * @param pathParameters the template's parameters, decoded
     * @param query the query parameters, decoded
     * @param body the body, at most the service's limit
     * @param userId the caller's user id when a valid token came, else null
     * @param token the caller's verified token, or null
     * @param ifMatch the {@code If-Match} header, or null
     */
    record Request(
            Map<String, String> pathParameters,
            Map<String, List<String>> query,
            byte[] body,
            @Nullable Long userId,
            @Nullable AccessToken token,
            @Nullable String ifMatch) {

        String path(String name) {
            String value = pathParameters.get(name);
            if (value == null) {
                throw new IllegalStateException("no path parameter " + name);
            }
            return value;
        }

        long requireUser() {
            if (userId == null) {
                throw ApiError.unauthorized();
            }
            return userId;
        }
    }

    /**
     * An answer: a status and a value written as JSON (or nothing).
     *
     * @param status the status
     * @param body the value to write, or null for no body
     */
    record Reply(int status, @Nullable Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply created(Object body) {
            return new Reply(201, body);
        }
    }
}
