package dev.groundwork.examples.conduit;

import java.util.List;

/** A request the service refuses: its status and the messages RealWorld clients show. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> messages;

    ApiError(int status, String... messages) {
        super(String.join("; ", messages), null, false, false);
        this.status = status;
        this.messages = List.of(messages);
    }

    int status() {
        return status;
    }

    List<String> messages() {
        return messages;
    }

    static ApiError unprocessable(String... messages) {
        return new ApiError(422, messages);
    }

    static ApiError notFound(String what) {
        return new ApiError(404, what + " not found");
    }

    static ApiError unauthorized() {
        return new ApiError(401, "missing or invalid token");
    }
}
