package dev.groundwork.examples.conduit;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
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

    /**
     * The caller as the API shows them; after registration, login and refresh also a refresh token (a Groundwork
     * extension: RealWorld has only the access token).
     */
    record UserBody(
            String email,
            String token,
            String username,
            @Nullable String bio,
            @Nullable String image,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String refreshToken) {}

    /** {@code {"refreshToken": "..."}}: to refresh, or to log out the token's family. */
    record RefreshRequest(@Nullable String refreshToken) {}

    /** {@code {"profile": {...}}}. */
    record ProfileResponse(Profile profile) {}

    /** A user as others see them. */
    record Profile(
            String username, @Nullable String bio, @Nullable String image, boolean following) {}

    /** RealWorld's timestamps: always with milliseconds, in UTC. */
    static final String TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

    /** {@code {"article": {...}}} to create. */
    record NewArticleRequest(@Nullable NewArticle article) {}

    /** A new article. */
    record NewArticle(
            @Nullable String title,
            @Nullable String description,
            @Nullable String body,
            @Nullable List<String> tagList) {}

    /** {@code {"article": {...}}} with the fields to change. */
    record UpdateArticleRequest(@Nullable UpdateArticle article) {}

    /** Fields to change; absent ones stay. */
    record UpdateArticle(
            @Nullable String title,
            @Nullable String description,
            @Nullable String body) {}

    /** {@code {"article": {...}}}. */
    record ArticleResponse(ArticleBody article) {}

    /** One article, with its body. */
    record ArticleBody(
            String slug,
            String title,
            String description,
            String body,
            List<String> tagList,

            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIMESTAMP, timezone = "UTC")
            Instant createdAt,

            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIMESTAMP, timezone = "UTC")
            Instant updatedAt,

            boolean favorited,
            int favoritesCount,
            Profile author) {}

    /**
     * {@code {"articles": [...], "articlesCount": n}}, and as a Groundwork extension the cursors of the pages
     * around this one (absent when there is none, or on an offset page past the first).
     */
    record ArticlesResponse(
            List<ArticleSummary> articles,
            long articlesCount,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String nextCursor,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String previousCursor) {}

    /** An article in a list: everything but the body. */
    record ArticleSummary(
            String slug,
            String title,
            String description,
            List<String> tagList,

            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIMESTAMP, timezone = "UTC")
            Instant createdAt,

            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIMESTAMP, timezone = "UTC")
            Instant updatedAt,

            boolean favorited,
            int favoritesCount,
            Profile author) {}

    /** {@code {"comment": {...}}} to add. */
    record NewCommentRequest(@Nullable NewComment comment) {}

    /** A new comment. */
    record NewComment(@Nullable String body) {}

    /** {@code {"comment": {...}}}. */
    record CommentResponse(CommentBody comment) {}

    /** {@code {"comments": [...]}}. */
    record CommentsResponse(List<CommentBody> comments) {}

    /** A comment. */
    record CommentBody(
            long id,

            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIMESTAMP, timezone = "UTC")
            Instant createdAt,

            @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIMESTAMP, timezone = "UTC")
            Instant updatedAt,

            String body,
            Profile author) {}

    /** {@code {"tags": [...]}}. */
    record TagsResponse(List<String> tags) {}

    /** {@code {"errors": {"body": [...]}}}: RealWorld's error body. */
    record ErrorResponse(Errors errors) {}

    /** The messages. */
    record Errors(List<String> body) {}

    /** The health endpoint's answer. */
    record Health(String status) {}
}
