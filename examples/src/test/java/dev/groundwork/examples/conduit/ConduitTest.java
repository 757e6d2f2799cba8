package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service over real HTTP, on embedded PostgreSQL in a temporary data folder: users, login, profiles, tags, the
 * document, hostile input, and a restart on the same data.
 */
class ConduitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;

    private static Conduit conduit;

    @BeforeAll
    static void start() throws Exception {
        conduit = Conduit.start(config());
    }

    @AfterAll
    static void stop() {
        conduit.close();
    }

    private static Config config() {
        return Config.fromEnvironment(
                Map.of("CONDUIT_PORT", "0", "CONDUIT_DATA", data.toString(), "CONDUIT_COUNT_STATEMENTS", "true"));
    }

    record Answer(int status, JsonNode json, HttpResponse<String> response) {}

    private static Answer call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + conduit.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean isJson = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.contains("json"))
                .orElse(false);
        JsonNode json = response.body().isEmpty() || !isJson ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response);
    }

    /** Sends one request line as is (no client would send these) and returns the status. */
    private static int raw(String requestLine) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", conduit.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String register(String name) throws Exception {
        Answer created = call(
                "POST",
                "/api/users",
                "{\"user\":{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\","
                        + "\"password\":\"correct horse\"}}");
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return created.json().at("/user/token").asText();
    }

    /**
     * The repository README's curl walk-through, run by bash as printed; only the port differs (the test's service
     * listens on a free one, the README's on 8080).
     */
    @Test
    void theReadmeWalkThroughWorksAsPrinted() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("../README.md"));
        int from = readme.indexOf("```sh", readme.indexOf("Then, from another terminal"));
        String script = readme.substring(readme.indexOf('\n', from) + 1, readme.indexOf("```", from + 5));
        assertThat(script).contains("localhost:8080/api/tags");
        Process bash = new ProcessBuilder(
                        "bash",
                        "-euo",
                        "pipefail",
                        "-c",
                        script.replace("localhost:8080", "localhost:" + conduit.port()))
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(output).isZero();
        assertThat(output)
                .contains("\"username\":\"jake\"")
                .contains("\"slug\":\"hello-")
                .contains("\"articlesCount\":")
                .contains("\"intro\"")
                .doesNotContain("errors");
    }

    @Test
    void registerLoginAndTheCurrentUser() throws Exception {
        String token = register("ada");
        Answer login = call(
                "POST",
                "/api/users/login",
                "{\"user\":{\"email\":\"ADA@example.com\",\"password\":\"correct horse\"}}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().at("/user/username").asText()).isEqualTo("ada");
        assertThat(login.json().at("/user").has("bio"))
                .as("bio is present, null")
                .isTrue();
        assertThat(login.json().at("/user/bio").isNull()).isTrue();

        Answer wrong = call(
                "POST", "/api/users/login", "{\"user\":{\"email\":\"ada@example.com\",\"password\":\"wrong one\"}}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/errors/body/0").asText()).isEqualTo("email or password is invalid");
        Answer nobody = call(
                "POST", "/api/users/login", "{\"user\":{\"email\":\"no@example.com\",\"password\":\"whatever1\"}}");
        assertThat(nobody.status()).isEqualTo(401);

        Answer me = call("GET", "/api/user", null, "Authorization", "Token " + token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asText()).isEqualTo("ada@example.com");
        assertThat(call("GET", "/api/user", null, "Authorization", "Bearer " + token)
                        .status())
                .isEqualTo(200);
        Answer anonymous = call("GET", "/api/user", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.response().headers().firstValue("WWW-Authenticate"))
                .contains("Token realm=\"conduit\"");
        assertThat(anonymous.json().at("/errors/body").isArray()).isTrue();

        Answer updated = call(
                "PUT",
                "/api/user",
                "{\"user\":{\"bio\":\"I write programs\",\"image\":\"https://example.com/a.png\"}}",
                "Authorization",
                "Token " + token);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(call("GET", "/api/user", null, "Authorization", "Token " + token)
                        .json()
                        .at("/user/bio")
                        .asText())
                .isEqualTo("I write programs");

        register("grace");
        Answer taken =
                call("PUT", "/api/user", "{\"user\":{\"username\":\"grace\"}}", "Authorization", "Token " + token);
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.json().at("/errors/body/0").asText()).isEqualTo("username has already been taken");
        Answer again = call(
                "POST",
                "/api/users",
                "{\"user\":{\"username\":\"ada\",\"email\":\"other@example.com\",\"password\":\"12345678\"}}");
        assertThat(again.status()).isEqualTo(422);
        Answer blank = call("POST", "/api/users", "{\"user\":{\"username\":\"\",\"email\":\"x\",\"password\":\"1\"}}");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.json().at("/errors/body").size())
                .as(blank.json().toString())
                .isEqualTo(3);
    }

    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
            "^\\d{4,}-[01]\\d-[0-3]\\dT[0-2]\\d:[0-5]\\d:[0-5]\\d\\.\\d+(?:[+-][0-2]\\d:[0-5]\\d|Z)$");

    private static Answer article(String token, String title, String... tags) throws Exception {
        String tagList = String.join(
                ",", java.util.Arrays.stream(tags).map(t -> "\"" + t + "\"").toList());
        Answer created = call(
                "POST",
                "/api/articles",
                "{\"article\":{\"title\":\"" + title + "\",\"description\":\"About " + title + "\",\"body\":\"Text of "
                        + title + "\",\"tagList\":[" + tagList + "]}}",
                "Authorization",
                "Token " + token);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return created;
    }

    @Test
    void articlesFavoritesCommentsAndTheFeed() throws Exception {
        String author = register("writer");
        String reader = register("reader");
        Answer created = article(author, "How to train your dragon", "dragons", "training");
        JsonNode body = created.json().get("article");
        String slug = body.get("slug").asText();
        assertThat(slug).startsWith("how-to-train-your-dragon-");
        assertThat(body.get("tagList").toString()).isEqualTo("[\"dragons\",\"training\"]");
        assertThat(body.get("createdAt").asText()).matches(TIMESTAMP);
        assertThat(body.get("updatedAt").asText()).matches(TIMESTAMP);
        assertThat(body.get("favorited").asBoolean()).isFalse();
        assertThat(body.at("/author/username").asText()).isEqualTo("writer");

        assertThat(call("GET", "/api/articles/" + slug, null)
                        .json()
                        .at("/article/body")
                        .asText())
                .isEqualTo("Text of How to train your dragon");
        assertThat(call("GET", "/api/articles/no-such-article", null).status()).isEqualTo(404);

        Answer favorited =
                call("POST", "/api/articles/" + slug + "/favorite", null, "Authorization", "Token " + reader);
        assertThat(favorited.json().at("/article/favorited").asBoolean()).isTrue();
        assertThat(favorited.json().at("/article/favoritesCount").asInt()).isEqualTo(1);
        assertThat(call("POST", "/api/articles/" + slug + "/favorite", null, "Authorization", "Token " + reader)
                        .json()
                        .at("/article/favoritesCount")
                        .asInt())
                .as("twice is once")
                .isEqualTo(1);
        Answer byFavorite = call("GET", "/api/articles?favorited=reader", null);
        assertThat(byFavorite.json().get("articlesCount").asInt()).isEqualTo(1);
        assertThat(byFavorite.json().at("/articles/0").has("body"))
                .as("lists leave the body out")
                .isFalse();
        assertThat(call("GET", "/api/articles?tag=dragons", null)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(call("GET", "/api/articles?tag=none", null)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isZero();
        assertThat(call("GET", "/api/articles?author=writer", null)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(call("GET", "/api/tags", null).json().get("tags").toString()).contains("dragons");
        Answer unfavorited =
                call("DELETE", "/api/articles/" + slug + "/favorite", null, "Authorization", "Token " + reader);
        assertThat(unfavorited.json().at("/article/favoritesCount").asInt()).isZero();
        assertThat(unfavorited.json().at("/article/favorited").asBoolean()).isFalse();

        assertThat(call("GET", "/api/articles/feed", null, "Authorization", "Token " + reader)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isZero();
        call("POST", "/api/profiles/writer/follow", null, "Authorization", "Token " + reader);
        Answer feed = call("GET", "/api/articles/feed", null, "Authorization", "Token " + reader);
        assertThat(feed.json().at("/articles/0/slug").asText()).isEqualTo(slug);
        assertThat(feed.json().at("/articles/0/author/following").asBoolean()).isTrue();
        assertThat(call("GET", "/api/articles/feed", null).status()).isEqualTo(401);

        Answer foreign = call(
                "PUT",
                "/api/articles/" + slug,
                "{\"article\":{\"body\":\"mine now\"}}",
                "Authorization",
                "Token " + reader);
        assertThat(foreign.status()).isEqualTo(403);
        Answer updated = call(
                "PUT",
                "/api/articles/" + slug,
                "{\"article\":{\"body\":\"With two hands\"}}",
                "Authorization",
                "Token " + author);
        assertThat(updated.json().at("/article/body").asText()).isEqualTo("With two hands");
        assertThat(updated.json().at("/article/slug").asText())
                .as("same title, same slug")
                .isEqualTo(slug);

        Answer comment = call(
                "POST",
                "/api/articles/" + slug + "/comments",
                "{\"comment\":{\"body\":\"Thank you so much!\"}}",
                "Authorization",
                "Token " + reader);
        assertThat(comment.status()).isEqualTo(200);
        long commentId = comment.json().at("/comment/id").asLong();
        assertThat(comment.json().at("/comment/createdAt").asText()).matches(TIMESTAMP);
        Answer comments = call("GET", "/api/articles/" + slug + "/comments", null);
        assertThat(comments.json().at("/comments/0/body").asText()).isEqualTo("Thank you so much!");
        assertThat(call(
                                "DELETE",
                                "/api/articles/" + slug + "/comments/" + commentId,
                                null,
                                "Authorization",
                                "Token " + author)
                        .status())
                .as("only the comment's author")
                .isEqualTo(403);
        assertThat(call(
                                "DELETE",
                                "/api/articles/" + slug + "/comments/" + commentId,
                                null,
                                "Authorization",
                                "Token " + reader)
                        .status())
                .isEqualTo(204);
        assertThat(call("GET", "/api/articles/" + slug + "/comments", null)
                        .json()
                        .get("comments")
                        .size())
                .isZero();
        assertThat(call(
                                "POST",
                                "/api/articles/" + slug + "/comments",
                                "{\"comment\":{\"body\":\" \"}}",
                                "Authorization",
                                "Token " + reader)
                        .status())
                .isEqualTo(422);

        assertThat(call("DELETE", "/api/articles/" + slug, null, "Authorization", "Token " + reader)
                        .status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/articles/" + slug, null, "Authorization", "Token " + author)
                        .status())
                .isEqualTo(204);
        assertThat(call("GET", "/api/articles/" + slug, null).status()).isEqualTo(404);
    }

    @Test
    void readsCarryETagsAndWritesCanBeConditional() throws Exception {
        String author = register("careful");
        String reader = register("careful_reader");
        String slug = article(author, "Conditional requests")
                .json()
                .at("/article/slug")
                .asText();
        String path = "/api/articles/" + slug;

        Answer first = call("GET", path, null, "Authorization", "Token " + author);
        assertThat(first.status()).as(first.response().body()).isEqualTo(200);
        String etag = first.response().headers().firstValue("ETag").orElseThrow();
        assertThat(first.response().headers().firstValue("Vary")).contains("Authorization");
        Answer again = call("GET", path, null, "Authorization", "Token " + author, "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.response().body()).isEmpty();

        // Another user's favorite changes the count: the author's copy is stale, and a write based on it fails.
        call("POST", path + "/favorite", null, "Authorization", "Token " + reader);
        Answer changed = call("GET", path, null, "Authorization", "Token " + author, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        String fresh = changed.response().headers().firstValue("ETag").orElseThrow();
        assertThat(fresh).isNotEqualTo(etag);
        Answer stale = call(
                "PUT",
                path,
                "{\"article\":{\"body\":\"overwritten\"}}",
                "Authorization",
                "Token " + author,
                "If-Match",
                etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(call("GET", path, null).json().at("/article/body").asText())
                .as("nothing changed")
                .isEqualTo("Text of Conditional requests");
        assertThat(call("DELETE", path, null, "Authorization", "Token " + author, "If-Match", etag)
                        .status())
                .isEqualTo(412);
        Answer current = call(
                "PUT",
                path,
                "{\"article\":{\"body\":\"updated\"}}",
                "Authorization",
                "Token " + author,
                "If-Match",
                fresh);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().at("/article/body").asText()).isEqualTo("updated");
        assertThat(call(
                                "PUT",
                                path,
                                "{\"article\":{\"body\":\"x\"}}",
                                "Authorization",
                                "Token " + author,
                                "If-Match",
                                "garbage")
                        .status())
                .isEqualTo(412);
        assertThat(call(
                                "PUT",
                                path,
                                "{\"article\":{\"body\":\"any\"}}",
                                "Authorization",
                                "Token " + author,
                                "If-Match",
                                "*")
                        .status())
                .isEqualTo(200);
    }

    private static int statements(Answer answer) {
        return Integer.parseInt(
                answer.response().headers().firstValue("X-SQL-Statements").orElseThrow());
    }

    @Test
    void readsAreCachedAndEveryWriteIsSeenAtOnce() throws Exception {
        String author = register("cached_author");
        String reader = register("cached_reader");
        String slug = article(author, "Cached").json().at("/article/slug").asText();
        String path = "/api/articles/" + slug;

        call("GET", path, null);
        Answer hit = call("GET", path, null);
        assertThat(hit.status()).isEqualTo(200);
        assertThat(statements(hit)).as("an anonymous read from the cache").isZero();
        assertThat(statements(call("GET", path, null, "Authorization", "Token " + reader)))
                .as("a reader's own flags: one statement")
                .isEqualTo(1);

        call("PUT", path, "{\"article\":{\"body\":\"second text\"}}", "Authorization", "Token " + author);
        assertThat(call("GET", path, null).json().at("/article/body").asText()).isEqualTo("second text");
        String listing = "/api/articles?author=cached_author";
        assertThat(call("GET", listing, null)
                        .json()
                        .at("/articles/0/favoritesCount")
                        .asInt())
                .isZero();
        Answer cachedPage = call("GET", listing, null);
        assertThat(statements(cachedPage))
                .as("an anonymous page from the cache")
                .isZero();
        call("POST", path + "/favorite", null, "Authorization", "Token " + reader);
        assertThat(call("GET", path, null).json().at("/article/favoritesCount").asInt())
                .isEqualTo(1);
        assertThat(call("GET", listing, null)
                        .json()
                        .at("/articles/0/favoritesCount")
                        .asInt())
                .as("pages are dropped by every write too")
                .isEqualTo(1);
        call("PUT", "/api/user", "{\"user\":{\"bio\":\"new bio\"}}", "Authorization", "Token " + author);
        assertThat(call("GET", path, null).json().at("/article/author/bio").asText())
                .isEqualTo("new bio");

        call("GET", "/api/profiles/cached_author", null);
        Answer profile = call("GET", "/api/profiles/cached_author", null);
        assertThat(profile.json().at("/profile/bio").asText()).isEqualTo("new bio");
        assertThat(statements(profile)).isZero();
        call("PUT", "/api/user", "{\"user\":{\"username\":\"renamed_author\"}}", "Authorization", "Token " + author);
        assertThat(call("GET", "/api/profiles/cached_author", null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/profiles/renamed_author", null).status()).isEqualTo(200);
        assertThat(call("GET", path, null).json().at("/article/author/username").asText())
                .isEqualTo("renamed_author");
        call("DELETE", path, null, "Authorization", "Token " + author);
        assertThat(call("GET", path, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/articles?author=renamed_author", null)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isZero();
    }

    @Test
    void eachClientHasItsOwnRateLimit(@TempDir Path otherData) throws Exception {
        try (Conduit strict = Conduit.start(Config.fromEnvironment(
                Map.of("CONDUIT_PORT", "0", "CONDUIT_DATA", otherData.toString(), "CONDUIT_RATE_PER_SECOND", "2")))) {
            HttpRequest tags = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port() + "/api/tags"))
                    .build();
            int admitted = 0;
            HttpResponse<String> refused = null;
            long start = System.nanoTime();
            for (int i = 0; i < 10 && refused == null; i++) {
                HttpResponse<String> response = CLIENT.send(tags, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    refused = response;
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("RateLimit-Policy"))
                            .contains("\"client\";q=4;w=2");
                    admitted++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // A burst of twice the rate, plus the units that refilled while the requests ran (2 per second).
            assertThat(admitted).as("a burst of twice the rate").isBetween(4, 4 + (int) Math.ceil(2 * seconds));
            assertThat(refused).isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(429);
            assertThat(JSON.readTree(refused.body()).get("detail").asText()).startsWith("too many requests");
            assertThat(call("GET", "/api/tags", null).status())
                    .as("another service, another limiter")
                    .isEqualTo(200);
        }
        assertThat(Config.fromEnvironment(Map.of("CONDUIT_RATE_PER_SECOND", "2"))
                        .requestsPerSecond())
                .isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Config.fromEnvironment(Map.of("CONDUIT_RATE_PER_SECOND", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONDUIT_RATE_PER_SECOND");
    }

    @Test
    void aPageOfArticlesTakesTheSameStatementsWhateverItsSize() throws Exception {
        String viewer = register("paging_viewer");
        for (int i = 0; i < 12; i++) {
            String author = register("paging_author" + i);
            article(author, "Paging " + i, "paging", "t" + (i % 3));
            call("POST", "/api/profiles/paging_author" + i + "/follow", null, "Authorization", "Token " + viewer);
        }
        Answer two = call("GET", "/api/articles?tag=paging&limit=2", null, "Authorization", "Token " + viewer);
        Answer twelve = call("GET", "/api/articles?tag=paging&limit=12", null, "Authorization", "Token " + viewer);
        assertThat(two.json().get("articles").size()).isEqualTo(2);
        assertThat(twelve.json().get("articles").size()).isEqualTo(12);
        assertThat(twelve.json().get("articlesCount").asInt()).isEqualTo(12);
        int statementsForTwo = Integer.parseInt(
                two.response().headers().firstValue("X-SQL-Statements").orElseThrow());
        int statementsForTwelve = Integer.parseInt(
                twelve.response().headers().firstValue("X-SQL-Statements").orElseThrow());
        assertThat(statementsForTwelve)
                .as("rows with authors, tags, favorites, follows and the count: no query per article")
                .isEqualTo(statementsForTwo)
                .isLessThanOrEqualTo(5);
        Answer page = call("GET", "/api/articles?tag=paging&limit=5&offset=10", null);
        assertThat(page.json().get("articles").size()).isEqualTo(2);
        assertThat(page.json().get("articlesCount").asInt()).isEqualTo(12);
        java.util.List<String> newestFirst = new java.util.ArrayList<>();
        twelve.json()
                .get("articles")
                .forEach(a -> newestFirst.add(a.get("title").asText()));
        assertThat(newestFirst.get(0)).isEqualTo("Paging 11");
        assertThat(newestFirst.get(11)).isEqualTo("Paging 0");
        assertThat(call("GET", "/api/articles?limit=0", null).status()).isEqualTo(422);
        assertThat(call("GET", "/api/articles?limit=101", null).status()).isEqualTo(422);
        assertThat(call("GET", "/api/articles?offset=-1", null).status()).isEqualTo(422);
        assertThat(call("GET", "/api/articles?limit=ten", null).status()).isEqualTo(422);
        assertThat(call("GET", "/api/articles?tag=a&tag=b", null).status()).isEqualTo(422);
        assertThat(call("GET", "/api/articles?author=%27%20OR%201%3D1--", null)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isZero();
        // Keyset pages after signed cursors: to the end and back, the same order as the offset pages.
        java.util.List<String> walked = new java.util.ArrayList<>();
        Answer keyset = call("GET", "/api/articles?tag=paging&limit=5", null, "Authorization", "Token " + viewer);
        java.util.List<String> cursors = new java.util.ArrayList<>();
        while (true) {
            assertThat(keyset.status()).as(keyset.json().toString()).isEqualTo(200);
            assertThat(keyset.json().get("articlesCount").asInt()).isEqualTo(12);
            keyset.json().get("articles").forEach(a -> walked.add(a.get("title").asText()));
            assertThat(keyset.response()
                            .headers()
                            .firstValue("X-SQL-Statements")
                            .map(Integer::parseInt))
                    .hasValueSatisfying(n -> assertThat(n).isLessThanOrEqualTo(5));
            JsonNode next = keyset.json().get("nextCursor");
            if (next == null) {
                break;
            }
            cursors.add(next.asText());
            keyset = call(
                    "GET",
                    "/api/articles?tag=paging&limit=5&cursor=" + next.asText(),
                    null,
                    "Authorization",
                    "Token " + viewer);
        }
        assertThat(walked).isEqualTo(newestFirst);
        assertThat(cursors).hasSize(2);
        JsonNode previous = keyset.json().get("previousCursor");
        Answer back = call("GET", "/api/articles?tag=paging&limit=5&cursor=" + previous.asText(), null);
        assertThat(back.json().at("/articles/0/title").asText()).isEqualTo("Paging 6");
        assertThat(call("GET", "/api/articles?tag=other&cursor=" + cursors.get(0), null)
                        .status())
                .as("a cursor is bound to its filter")
                .isEqualTo(400);
        assertThat(call("GET", "/api/articles?cursor=AAAA", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/articles?cursor=" + cursors.get(0).substring(0, 20) + "x", null)
                        .status())
                .isEqualTo(400);
        assertThat(call("GET", "/api/articles?tag=paging&offset=5&cursor=" + cursors.get(0), null)
                        .status())
                .isEqualTo(422);
        assertThat(call("GET", "/api/articles/feed", null, "Authorization", "Token " + viewer)
                        .json()
                        .get("articlesCount")
                        .asInt())
                .isEqualTo(12);
    }

    @Test
    void refreshTokensRotateAndLogoutRevokes() throws Exception {
        Answer created = call(
                "POST",
                "/api/users",
                "{\"user\":{\"username\":\"rotating\",\"email\":\"rotating@example.com\",\"password\":\"correct horse\"}}");
        String refresh = created.json().at("/user/refreshToken").asText();
        assertThat(refresh).isNotEmpty();
        String access = created.json().at("/user/token").asText();
        assertThat(call("GET", "/api/user", null, "Authorization", "Token " + access)
                        .json()
                        .at("/user")
                        .has("refreshToken"))
                .as("only where tokens are issued")
                .isFalse();

        Answer rotated = call("POST", "/api/users/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().at("/user/username").asText()).isEqualTo("rotating");
        String next = rotated.json().at("/user/refreshToken").asText();
        assertThat(next).isNotEqualTo(refresh);
        assertThat(call(
                                "GET",
                                "/api/user",
                                null,
                                "Authorization",
                                "Token " + rotated.json().at("/user/token").asText())
                        .status())
                .isEqualTo(200);
        assertThat(call("POST", "/api/users/refresh", "{\"refreshToken\":\"" + refresh + "\"}")
                        .status())
                .as("a used refresh token is refused")
                .isEqualTo(401);
        assertThat(call("POST", "/api/users/refresh", "{\"refreshToken\":\"" + next + "\"}")
                        .status())
                .as("and its reuse revoked the whole family")
                .isEqualTo(401);
        assertThat(call("POST", "/api/users/refresh", "{\"refreshToken\":null}").status())
                .isEqualTo(401);
        assertThat(call("POST", "/api/users/refresh", "{\"refreshToken\":\"" + "x".repeat(5000) + "\"}")
                        .status())
                .isEqualTo(401);

        Answer login = call(
                "POST",
                "/api/users/login",
                "{\"user\":{\"email\":\"rotating@example.com\",\"password\":\"correct horse\"}}");
        String token = login.json().at("/user/token").asText();
        String family = login.json().at("/user/refreshToken").asText();
        Answer logout = call(
                "POST",
                "/api/users/logout",
                "{\"refreshToken\":\"" + family + "\"}",
                "Authorization",
                "Token " + token);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(call("GET", "/api/user", null, "Authorization", "Token " + token)
                        .status())
                .as("the access token is revoked")
                .isEqualTo(401);
        assertThat(call("POST", "/api/users/refresh", "{\"refreshToken\":\"" + family + "\"}")
                        .status())
                .isEqualTo(401);

        JsonNode jwks = call("GET", "/.well-known/jwks.json", null).json();
        assertThat(jwks.at("/keys/0/kty").asText()).isEqualTo("EC");
        assertThat(jwks.at("/keys/0/crv").asText()).isEqualTo("P-256");
        assertThat(jwks.at("/keys/0").has("d")).as("never the private key").isFalse();
    }

    @Test
    void profilesAndFollowing() throws Exception {
        String fan = register("fan");
        register("celeb_star");
        Answer seen = call("GET", "/api/profiles/celeb_star", null);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().at("/profile/following").asBoolean()).isFalse();

        Answer followed = call("POST", "/api/profiles/celeb_star/follow", null, "Authorization", "Token " + fan);
        assertThat(followed.status()).isEqualTo(200);
        assertThat(followed.json().at("/profile/following").asBoolean()).isTrue();
        assertThat(call("POST", "/api/profiles/celeb_star/follow", null, "Authorization", "Token " + fan)
                        .json()
                        .at("/profile/following")
                        .asBoolean())
                .as("following twice is still following")
                .isTrue();
        assertThat(call("GET", "/api/profiles/celeb_star", null, "Authorization", "Token " + fan)
                        .json()
                        .at("/profile/following")
                        .asBoolean())
                .isTrue();
        Answer unfollowed = call("DELETE", "/api/profiles/celeb_star/follow", null, "Authorization", "Token " + fan);
        assertThat(unfollowed.json().at("/profile/following").asBoolean()).isFalse();

        assertThat(call("GET", "/api/profiles/nobody", null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/profiles/fan/follow", null, "Authorization", "Token " + fan)
                        .status())
                .isEqualTo(422);
        assertThat(call("POST", "/api/profiles/celeb_star/follow", null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/profiles/celeb_star", null, "Authorization", "Token forged.token.here")
                        .status())
                .as("a wrong token is refused even where a token is optional")
                .isEqualTo(401);
    }

    @Test
    void tagsHealthAndTheDocument() throws Exception {
        Answer tags = call("GET", "/api/tags", null);
        assertThat(tags.status()).isEqualTo(200);
        assertThat(tags.json().get("tags").isArray()).isTrue();
        assertThat(call("GET", "/health", null).json().get("status").asText()).isEqualTo("UP");
        assertThat(conduit.databaseMajorVersion())
                .as("Hibernate boots told the embedded server's version, without asking it")
                .isEqualTo(Database.EMBEDDED_MAJOR_VERSION);

        Answer document = call("GET", "/openapi.json", null);
        assertThat(document.status()).isEqualTo(200);
        SwaggerParseResult parsed =
                new OpenAPIV3Parser().readContents(document.response().body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths())
                .containsKeys(
                        "/api/users",
                        "/api/users/login",
                        "/api/user",
                        "/api/profiles/{username}",
                        "/api/profiles/{username}/follow",
                        "/api/tags");
        String etag = document.response().headers().firstValue("ETag").orElseThrow();
        assertThat(call("GET", "/openapi.json", null, "If-None-Match", etag).status())
                .isEqualTo(304);
        assertThat(call("GET", "/docs/", null).response().body()).contains("swagger-ui");
    }

    /**
     * Problem details go to a client that prefers them (quality, then the more specific range, then the earlier one);
     * a client listing {@code application/json} first, as generated clients do, keeps RealWorld's body. Malformed
     * ranges and qualities are skipped, never an error.
     */
    @Test
    void problemDetailsGoToClientsThatPreferThem() throws Exception {
        Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
        cases.put("application/problem+json", true);
        cases.put("application/problem+json, application/json", true);
        cases.put("application/json, application/problem+json", false);
        cases.put("application/json;q=0.5, application/problem+json", true);
        cases.put("application/problem+json;q=0.4, application/json;q=0.9", false);
        cases.put("application/problem+json, */*", true);
        cases.put("application/*, application/problem+json;q=0.9", false);
        cases.put("*/*", false);
        cases.put("application/problem+json;q=0", false);
        cases.put("application/problem+json;q=0, */*", false);
        cases.put("text/html", false);
        cases.put("", false);
        cases.put(";;;,,,=", false);
        cases.put("application/problem+json;q=2", false);
        cases.put("application/problem+json;q=abc, application/json", false);
        cases.put("APPLICATION/PROBLEM+JSON ; Q=0.8 , application/json;q=0.7", true);
        cases.put("x,".repeat(5_000), false);
        cases.forEach((accept, problem) -> assertThat(Router.prefersProblem(List.of(accept)))
                .as(accept.length() > 80 ? accept.substring(0, 80) + "…" : accept)
                .isEqualTo(problem));
        assertThat(Router.prefersProblem(List.of())).isFalse();
        assertThat(Router.prefersProblem(List.of("application/json;q=0.1", "application/problem+json")))
                .isTrue();

        Answer listed =
                call("GET", "/api/profiles/nobody", null, "Accept", "application/json, application/problem+json");
        assertThat(listed.status()).isEqualTo(404);
        assertThat(listed.json().at("/errors/body/0").asText()).isNotEmpty();
        Answer preferred =
                call("GET", "/api/profiles/nobody", null, "Accept", "application/json;q=0.5, application/problem+json");
        assertThat(preferred.response().headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    /**
     * The document served, compared with RealWorld's contract ({@code ../shared/conformance/realworld/openapi.yml}):
     * every operation, parameter, status and body property of the contract is ours too, except the differences
     * listed here (and in the README), each of them a Groundwork extension or a status we never answer.
     */
    @Test
    void theDocumentMatchesTheRealWorldContractExceptForTheListedDifferences() throws Exception {
        Path contractFile = Path.of(System.getProperty("realworld.dir", "../../shared/conformance/realworld"))
                .resolve("openapi.yml");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isRegularFile(contractFile), "no contract at " + contractFile.toAbsolutePath());
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolveFully(true);
        io.swagger.v3.oas.models.OpenAPI contract = new OpenAPIV3Parser()
                .readContents(java.nio.file.Files.readString(contractFile), null, options)
                .getOpenAPI();
        io.swagger.v3.oas.models.OpenAPI ours = new OpenAPIV3Parser()
                .readContents(call("GET", "/openapi.json", null).response().body(), null, options)
                .getOpenAPI();

        java.util.Set<String> theirs = facts(contract, "/api");
        java.util.Set<String> mine = facts(ours, "");
        java.util.Set<String> missing = new java.util.TreeSet<>(theirs);
        missing.removeAll(mine);
        java.util.Set<String> extra = new java.util.TreeSet<>(mine);
        extra.removeAll(theirs);

        // Statuses the contract lists as a generic 422 where this service never answers 422 (no body, no query).
        assertThat(missing)
                .containsExactlyInAnyOrder(
                        "DELETE /api/articles/{slug} 422",
                        "DELETE /api/articles/{slug}/comments/{id} 422",
                        "DELETE /api/articles/{slug}/favorite 422",
                        "DELETE /api/profiles/{username}/follow 422",
                        "GET /api/articles/{slug} 422",
                        "GET /api/articles/{slug}/comments 422",
                        "GET /api/profiles/{username} 422",
                        "GET /api/tags 422",
                        "GET /api/user 422",
                        "POST /api/articles/{slug}/favorite 422",
                        "POST /api/profiles/{username}/follow 422");
        java.util.Set<String> expectedExtra = new java.util.TreeSet<>(List.of(
                "GET /.well-known/jwks.json",
                "GET /health",
                "POST /api/users/logout",
                "POST /api/users/refresh",
                "GET /api/articles query cursor",
                "GET /api/articles/feed query cursor",
                "PUT /api/articles/{slug} header If-Match",
                "DELETE /api/articles/{slug} header If-Match",
                "GET /api/articles 400",
                "GET /api/articles/feed 400",
                "PUT /api/articles/{slug} 412",
                "DELETE /api/articles/{slug} 412",
                "PUT /api/articles/{slug} 403",
                "DELETE /api/articles/{slug} 403",
                "DELETE /api/articles/{slug}/comments/{id} 403",
                "GET /api/articles/{slug} 401",
                "GET /api/articles 200 nextCursor",
                "GET /api/articles 200 previousCursor",
                "GET /api/articles/feed 200 nextCursor",
                "GET /api/articles/feed 200 previousCursor",
                "POST /api/users 201 user.refreshToken",
                "POST /api/users/login 200 user.refreshToken",
                "GET /api/user 200 user.refreshToken",
                "PUT /api/user 200 user.refreshToken"));
        for (String operation : List.of(
                "DELETE /api/articles/{slug}",
                "DELETE /api/articles/{slug}/comments/{id}",
                "DELETE /api/articles/{slug}/favorite",
                "DELETE /api/profiles/{username}/follow",
                "GET /api/articles/{slug}",
                "GET /api/articles/{slug}/comments",
                "GET /api/profiles/{username}",
                "POST /api/articles/{slug}/comments",
                "POST /api/articles/{slug}/favorite",
                "POST /api/profiles/{username}/follow",
                "PUT /api/articles/{slug}")) {
            expectedExtra.add(operation + " 404"); // a named article, comment or user may not exist
        }
        extra.removeIf(fact -> fact.endsWith(" 429")); // every operation is rate limited
        extra.removeIf(fact -> fact.startsWith("GET /.well-known/jwks.json ")
                || fact.startsWith("GET /health ")
                || fact.startsWith("POST /api/users/logout ")
                || fact.startsWith("POST /api/users/refresh "));
        assertThat(extra).isEqualTo(expectedExtra);
    }

    /** Operations, parameters, statuses and success body properties (two levels) of a document, as strings. */
    private static java.util.Set<String> facts(io.swagger.v3.oas.models.OpenAPI api, String prefix) {
        java.util.Set<String> facts = new java.util.TreeSet<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    String name = method + " " + prefix + path;
                    facts.add(name);
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> facts.add(name + " " + p.getIn() + " " + p.getName()));
                    }
                    operation.getResponses().forEach((status, response) -> {
                        facts.add(name + " " + status);
                        if (status.startsWith("2")
                                && response.getContent() != null
                                && response.getContent().get("application/json") != null) {
                            properties(
                                    response.getContent()
                                            .get("application/json")
                                            .getSchema(),
                                    name + " " + status + " ",
                                    facts,
                                    2);
                        }
                    });
                }));
        return facts;
    }

    private static void properties(
            io.swagger.v3.oas.models.media.Schema<?> schema, String at, java.util.Set<String> facts, int depth) {
        if (schema == null || depth == 0) {
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                facts.add(at + name);
                properties(property, at + name + ".", facts, depth - 1);
            });
        }
    }

    @Test
    void hostileRequestsGetTheRightStatusAndNoStackTrace() throws Exception {
        String token = register("mallory");
        String slug = article(token, "Mallory's own").json().at("/article/slug").asText();
        Map<String, String> before = conduit.fingerprint();
        assertThat(call("POST", "/api/users", "{\"user\":").status()).isEqualTo(422);
        assertThat(call("POST", "/api/users", "[]").status()).isEqualTo(422);
        assertThat(call("POST", "/api/users", "null").status()).isEqualTo(422);
        assertThat(call("POST", "/api/users", "{\"user\":null}").status()).isEqualTo(422);
        Answer unknown =
                call("POST", "/api/users/login", "{\"user\":{\"email\":\"a@b.c\",\"password\":\"x\",\"admin\":true}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/errors/body/0").asText()).contains("admin");
        assertThat(call("POST", "/api/users", "{\"user\":{\"username\":7,\"email\":[],\"password\":{}}}")
                        .status())
                .isEqualTo(422);
        assertThat(call("POST", "/api/users", "{}", "Content-Type", "text/plain")
                        .status())
                .isEqualTo(415);
        assertThat(call("POST", "/api/users", "{\"user\":\"" + "x".repeat(Router.MAX_BODY) + "\"}")
                        .status())
                .isEqualTo(413);
        assertThat(call("GET", "/api/profiles/..%2Fuser", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/profiles/%2e%2e", null).status()).isEqualTo(400);
        assertThat(raw("GET /api/profiles/%zz HTTP/1.1")).isEqualTo(400);
        assertThat(raw("GET /api/profiles/%c3%28 HTTP/1.1")).as("not UTF-8").isEqualTo(400);
        assertThat(raw("GET /api/profiles/%2e%2e/%2e%2e/etc/passwd HTTP/1.1")).isEqualTo(400);
        assertThat(raw("GET /api/profiles/x'%20OR%20'1'='1 HTTP/1.1")).isEqualTo(404);
        assertThat(call("GET", "/api/" + "a".repeat(3000), null).status()).isEqualTo(414);
        assertThat(call("GET", "/api/nothing-here", null).status()).isEqualTo(404);
        Answer wrongMethod = call("PATCH", "/api/user", "{}", "Authorization", "Token " + token);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.response().headers().firstValue("Allow")).contains("GET, PUT");
        assertThat(call("GET", "/api/user", null, "Authorization", "Token " + token + "x")
                        .status())
                .isEqualTo(401);
        Answer problem = call("GET", "/api/profiles/nobody", null, "Accept", "application/problem+json");
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.response().headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(problem.json().get("status").asInt()).isEqualTo(404);
        assertThat(problem.response().body()).doesNotContain("Exception").doesNotContain("at dev.");

        // Hostile writes: each refused, and the database exactly as it was.
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(call("POST", "/api/articles", "{\"article\":{\"title\":\"x\"}}", "Authorization", "Token " + forged)
                        .status())
                .isEqualTo(401);
        assertThat(call(
                                "POST",
                                "/api/articles",
                                "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":\"b\","
                                        + "\"tagList\":[\"" + "x".repeat(65) + "\"]}}",
                                "Authorization",
                                "Token " + token)
                        .status())
                .isEqualTo(422);
        assertThat(call(
                                "PUT",
                                "/api/articles/" + slug,
                                "{\"article\":{\"title\":\"" + "t".repeat(201) + "\"}}",
                                "Authorization",
                                "Token " + token)
                        .status())
                .isEqualTo(422);
        assertThat(call(
                                "PUT",
                                "/api/articles/" + slug,
                                "{\"article\":{\"body\":\"x\",\"slug\":\"other\"}}",
                                "Authorization",
                                "Token " + token)
                        .status())
                .as("unknown field")
                .isEqualTo(422);
        assertThat(call(
                                "PUT",
                                "/api/user",
                                "{\"user\":{\"email\":\"not an email\"}}",
                                "Authorization",
                                "Token " + token)
                        .status())
                .isEqualTo(422);
        assertThat(call("PUT", "/api/user", "{\"user\":{\"username\":\"../admin\"}}", "Authorization", "Token " + token)
                        .status())
                .isEqualTo(422);
        assertThat(call(
                                "POST",
                                "/api/articles/" + slug + "/comments",
                                "{\"comment\":{\"body\":\"" + "c".repeat(10_001) + "\"}}",
                                "Authorization",
                                "Token " + token)
                        .status())
                .isEqualTo(422);
        assertThat(call(
                                "DELETE",
                                "/api/articles/" + slug + "/comments/not-a-number",
                                null,
                                "Authorization",
                                "Token " + token)
                        .status())
                .isEqualTo(404);
        assertThat(call(
                                "DELETE",
                                "/api/articles/" + slug + "%27%3B%20DROP%20TABLE%20articles%3B%20--",
                                null,
                                "Authorization",
                                "Token " + token)
                        .status())
                .isIn(400, 404);
        assertThat(call(
                                "POST",
                                "/api/users",
                                "{\"user\":{\"username\":\"mallory\",\"email\":\"m2@example.com\","
                                        + "\"password\":\"12345678\"}}")
                        .status())
                .isEqualTo(422);
        assertThat(conduit.fingerprint()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void stoppingLetsARequestInFlightFinishAndItsWriteIsKept() throws Exception {
        // Registration hashes the password (PBKDF2, 600 000 rounds): long enough to be caught in flight.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> pending = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + conduit.port() + "/api/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":{\"username\":\"inflight\","
                                + "\"email\":\"inflight@example.com\",\"password\":\"correct horse\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await()
                .pollInterval(Duration.ofMillis(2))
                .atMost(Duration.ofSeconds(20))
                .until(() -> conduit.requestsInFlight() > 0 || pending.isDone());
        conduit.close();
        HttpResponse<String> answered = pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        conduit = Conduit.start(config());
        assertThat(call(
                                "POST",
                                "/api/users/login",
                                "{\"user\":{\"email\":\"inflight@example.com\"," + "\"password\":\"correct horse\"}}")
                        .status())
                .as("committed before the database closed")
                .isEqualTo(200);
    }

    /**
     * {@code CONDUIT_JDBC_URL} points a second service at the first one's PostgreSQL: no embedded server of its own,
     * the schema found migrated, and what one writes the other reads.
     */
    @Test
    void aDatabaseNamedByUrlIsUsedInsteadOfTheEmbeddedOne(@TempDir Path otherData) throws Exception {
        String url = conduit.embeddedDatabaseUrl();
        assertThat(url).startsWith("jdbc:postgresql://");
        try (Conduit second = Conduit.start(Config.fromEnvironment(Map.of(
                "CONDUIT_PORT", "0",
                "CONDUIT_DATA", otherData.toString(),
                "CONDUIT_JDBC_URL", url.replaceAll("\\?.*", ""),
                "CONDUIT_JDBC_USER", "postgres",
                "CONDUIT_JDBC_PASSWORD", "postgres")))) {
            assertThat(second.embeddedDatabaseUrl()).isNull();
            assertThat(otherData.resolve("postgres")).doesNotExist();
            HttpResponse<String> registered = CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/api/users"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"user\":{\"username\":\"byurl\","
                                    + "\"email\":\"byurl@example.com\",\"password\":\"correct horse\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        }
        assertThat(call("GET", "/api/profiles/byurl", null).status())
                .as("written through the other service, read through this one")
                .isEqualTo(200);
    }

    @Test
    void aRestartOnTheSameDataKeepsUsersArticlesTokensAndCursors() throws Exception {
        String token = register("persistent");
        for (int i = 0; i < 3; i++) {
            article(token, "Kept " + i, "kept");
        }
        Answer first = call("GET", "/api/articles?tag=kept&limit=2", null);
        String cursor = first.json().get("nextCursor").asText();
        conduit.close(); // requests finished, database closed cleanly
        conduit = Conduit.start(config());
        Answer second = call("GET", "/api/articles?tag=kept&limit=2&cursor=" + cursor, null);
        assertThat(second.status())
                .as("cursors are signed with a secret kept in the data folder")
                .isEqualTo(200);
        assertThat(second.json().at("/articles/0/title").asText()).isEqualTo("Kept 0");
        assertThat(second.json().get("articlesCount").asInt()).isEqualTo(3);
        assertThat(call("GET", "/api/tags", null).json().get("tags").toString()).contains("kept");
        assertThat(call("GET", "/api/user", null, "Authorization", "Token " + token)
                        .json()
                        .at("/user/username")
                        .asText())
                .as("the token key is kept too")
                .isEqualTo("persistent");
        assertThat(call(
                                "POST",
                                "/api/users/login",
                                "{\"user\":{\"email\":\"persistent@example.com\",\"password\":\"correct horse\"}}")
                        .status())
                .isEqualTo(200);
    }
}
