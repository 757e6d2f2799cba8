package dev.groundwork.cache.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entity tags, HTTP dates and Cache-Control: well-formed, hostile and boundary input, and a real 304 round trip. */
class HttpCachingTest {

    @Test
    void entityTagsReadAndWriteTheirTwoForms() {
        assertThat(EntityTag.parse("\"abc\"")).isEqualTo(EntityTag.strong("abc"));
        assertThat(EntityTag.parse("W/\"abc\"")).isEqualTo(EntityTag.weak("abc"));
        assertThat(EntityTag.weak("abc").toString()).isEqualTo("W/\"abc\"");
        assertThat(EntityTag.parseList(" \"a\" ,W/\"b\",, \"c\" "))
                .containsExactly(EntityTag.strong("a"), EntityTag.weak("b"), EntityTag.strong("c"));
        assertThat(EntityTag.strong("a").strongMatch(EntityTag.strong("a"))).isTrue();
        assertThat(EntityTag.strong("a").strongMatch(EntityTag.weak("a"))).isFalse();
        assertThat(EntityTag.weak("a").weakMatch(EntityTag.strong("a"))).isTrue();
        assertThat(EntityTag.ofVersion(42)).isEqualTo(EntityTag.weak("v42"));
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(EntityTag.ofBytes(body)).isEqualTo(EntityTag.ofBytes(body.clone()));
        assertThat(EntityTag.ofBytes(body)).isNotEqualTo(EntityTag.ofBytes("hellp".getBytes(StandardCharsets.UTF_8)));
        assertThat(EntityTag.ofBytes(body).weak()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\"abc", "w/\"abc\"", "\"a\"b\"", "\"a b\"", "\"é\"", "\"a\" \"b\"", "*", ""})
    void malformedTagListsReadAsNoTags(String header) {
        assertThat(EntityTag.parseList(header)).isEmpty();
        assertThatThrownBy(() -> EntityTag.parse(header)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagsThatCouldBreakAHeaderAreRefused() {
        for (String bad : List.of("a\"b", "a b", "a\r\nSet-Cookie: x", "é", "x".repeat(257))) {
            assertThatThrownBy(() -> EntityTag.strong(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(EntityTag.strong("x".repeat(256)).opaque()).hasSize(256);
        assertThat(EntityTag.strong("").toString()).isEqualTo("\"\"");
    }

    @Test
    void httpDatesInAllThreeFormsAndNothingElse() {
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(expected);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).contains(expected);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).contains(expected);
        assertThat(HttpDates.format(expected.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        for (String bad : List.of(
                "",
                "yesterday",
                "Mon, 06 Nov 1994 08:49:37 GMT",
                "Sun, 06 Nov 1994 25:49:37 GMT",
                "Sun, 06 Nov 1994 08:49:37 PST",
                "1994-11-06T08:49:37Z",
                "Sun, 32 Nov 1994 08:49:37 GMT")) {
            assertThat(HttpDates.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void cacheControlIsBuiltInOrderAndReadLeniently() {
        CacheControl built = CacheControl.builder()
                .publicCache()
                .maxAge(Duration.ofMinutes(5))
                .staleWhileRevalidate(Duration.ofSeconds(30))
                .staleIfError(Duration.ofDays(1))
                .immutable()
                .build();
        assertThat(built.toString())
                .isEqualTo("public, max-age=300, stale-while-revalidate=30, stale-if-error=86400, immutable");
        assertThat(CacheControl.parse(built.toString())).isEqualTo(built);
        assertThat(CacheControl.builder().publicCache().privateCache().build().toString())
                .isEqualTo("private");

        CacheControl read = CacheControl.parse(
                " Max-Age=60 , no-cache=\"Set-Cookie, Authorization\", private, max-age=10, bad name, x=\"unclosed, ,");
        assertThat(read.maxAge()).contains(Duration.ofSeconds(60));
        assertThat(read.noCache()).isTrue();
        assertThat(read.directives()).containsEntry("no-cache", "Set-Cookie, Authorization");
        assertThat(read.has("PRIVATE")).isTrue();
        assertThat(read.directives()).doesNotContainKeys("bad name", "x");
        assertThat(read.noStore()).isFalse();
        assertThat(CacheControl.parse("max-age=-1").maxAge()).isEmpty();
        assertThat(CacheControl.parse("max-age=99999999999999999999").maxAge()).isEmpty();
        assertThat(CacheControl.parse("s-maxage=\"5\"").sharedMaxAge()).contains(Duration.ofSeconds(5));
        assertThat(CacheControl.parse("").directives()).isEmpty();

        assertThatThrownBy(() -> CacheControl.builder().maxAge(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheControl.builder()
                        .noStore()
                        .maxAge(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRealClientGets304ForItsCopyAnd412ForAStaleWrite() throws IOException, InterruptedException {
        byte[] body = "{\"title\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        EntityTag tag = EntityTag.ofBytes(body);
        Instant modified = Instant.parse("2026-11-20T10:00:00Z");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/article", exchange -> {
            ConditionalOutcome outcome = ConditionalRequest.evaluate(
                    exchange.getRequestMethod(), exchange.getRequestHeaders()::getFirst, Validators.of(tag, modified));
            exchange.getResponseHeaders().set("ETag", tag.toString());
            exchange.getResponseHeaders().set("Last-Modified", HttpDates.format(modified));
            exchange.getResponseHeaders()
                    .set(
                            "Cache-Control",
                            CacheControl.builder().noCache().build().toString());
            if (outcome != ConditionalOutcome.PROCEED) {
                exchange.sendResponseHeaders(outcome.status(), -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/article");
            HttpResponse<String> first =
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = client.send(
                    HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> since = client.send(
                    HttpRequest.newBuilder(uri)
                            .header(
                                    "If-Modified-Since",
                                    first.headers().firstValue("Last-Modified").orElseThrow())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> staleWrite = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("If-Match", "\"an-older-version\"")
                            .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(EntityTag.parse(etag)).isEqualTo(tag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(since.statusCode()).isEqualTo(304);
            assertThat(staleWrite.statusCode()).isEqualTo(412);
            assertThat(CacheControl.parse(
                                    first.headers().firstValue("Cache-Control").orElseThrow())
                            .noCache())
                    .isTrue();
            assertThat(Optional.of(first.body())).contains("{\"title\":\"hello\"}");
        } finally {
            server.stop(0);
        }
    }
}
