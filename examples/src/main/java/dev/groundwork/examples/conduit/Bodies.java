package dev.groundwork.examples.conduit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the RealWorld API, each wrapped in its one-key envelope as the specification has them. */
final class Bodies {
    private Bodies() {}

    /** {@code {"user": {...}}} to register. */
    record NewUserRequest(@Nullable NewUser user) {}

    /** A new user. */
    record NewUser(
            @Nullable String username,
            @Nullable String email,
            @Nullable String password) {}

    /** {@code {"user": {...}}} to log in. */
    record LoginRequest(@Nullable Login user) {}

    /** Credentials. */
    record Login(@Nullable String email, @Nullable String password) {}

    /** {@code {"user": {...}}} with the fields to change; absent fields stay as they are. */
    record UpdateUserRequest(@Nullable UpdateUser user) {}

    /** Fields to change; {@code bio} and {@code image} may be set to null. */
    record UpdateUser(
            @Nullable String email,
            @Nullable String username,
            @Nullable String password,
            @Nullable String bio,
            @Nullable String image) {}

    /** {@code {"user": {...}}}: the caller, with a token. */
    record UserResponse(UserBody user) {}

    /** The caller as the API shows them. */
    record UserBody(
            String email,
            String token,
            String username,
            @Nullable String bio,
            @Nullable String image) {}

    /** {@code {"profile": {...}}}. */
    record ProfileResponse(Profile profile) {}

    /** A user as others see them. */
    record Profile(
            String username, @Nullable String bio, @Nullable String image, boolean following) {}

    /** {@code {"tags": [...]}}. */
    record TagsResponse(List<String> tags) {}

    /** {@code {"errors": {"body": [...]}}}: RealWorld's error body. */
    record ErrorResponse(Errors errors) {}

    /** The messages. */
    record Errors(List<String> body) {}

    /** The health endpoint's answer. */
    record Health(String status) {}
}
