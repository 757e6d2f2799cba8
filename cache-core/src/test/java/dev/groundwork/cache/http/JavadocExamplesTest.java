package dev.groundwork.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Javadoc examples of the http package and the README's blocks, exactly as printed, compiled and run. */
class JavadocExamplesTest {

    /** A stand-in for a stored article. */
    record Article(long version, Instant updatedAt) {}

    private final Map<String, String> responseHeaders = new HashMap<>();
    private int status;

    @Test
    void examples() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        Article article = new Article(7, Instant.parse("2026-11-20T10:00:00Z"));
        Map<String, String> headers = Map.of("If-None-Match", "W/\"v7\"");
        String method = "GET";

        // region EntityTag
        EntityTag tag = EntityTag.ofBytes(body); // strong, from the representation's bytes
        EntityTag version = EntityTag.ofVersion(article.version()); // weak, from a version number
        responseHeaders.put("ETag", tag.toString());
        // endregion

        // region ConditionalRequest
        Validators current = Validators.of(EntityTag.ofVersion(article.version()), article.updatedAt());
        ConditionalOutcome outcome = ConditionalRequest.evaluate(method, headers::get, current);
        if (outcome != ConditionalOutcome.PROCEED) {
            sendResponseHeaders(outcome.status());
        }
        // endregion

        // region CacheControl
        CacheControl control = CacheControl.builder()
                .publicCache()
                .maxAge(Duration.ofMinutes(5))
                .staleWhileRevalidate(Duration.ofSeconds(30))
                .build();
        responseHeaders.put("Cache-Control", control.toString());
        // endregion

        assertThat(version.toString()).isEqualTo("W/\"v7\"");
        assertThat(status).isEqualTo(304);
        assertThat(responseHeaders).containsEntry("Cache-Control", "public, max-age=300, stale-while-revalidate=30");
    }

    private void sendResponseHeaders(int code) {
        status = code;
    }
}
