package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.RedisProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one Redis ({@code CONDUIT_REDIS_URL}) and one PostgreSQL (the first's, named to the second by
 * {@code CONDUIT_JDBC_URL}), sharing the data folder's signing key: what one writes the other serves fresh, a
 * refresh token rotated on one is spent on both, a token revoked on one is refused by the other, and a client's
 * rate limit is one limit across both.
 */
class FleetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    /** An instance's environment: a free port, the shared data folder and Redis, the rate given. */
    static Map<String, String> env(Path data, String redisUrl, int rate) {
        Map<String, String> env = new HashMap<>();
        env.put("CONDUIT_PORT", "0");
        env.put("CONDUIT_DATA", data.toString());
        env.put("CONDUIT_REDIS_URL", redisUrl);
        env.put("CONDUIT_RATE_PER_SECOND", String.valueOf(rate));
        return env;
    }

    /** The second instance's environment: the first one's, on the first one's PostgreSQL. */
    static Map<String, String> second(Map<String, String> env, Conduit first) {
        Map<String, String> second = new HashMap<>(env);
        second.put("CONDUIT_JDBC_URL", first.embeddedDatabaseUrl().replaceAll("\\?.*", ""));
        second.put("CONDUIT_JDBC_USER", "postgres");
        second.put("CONDUIT_JDBC_PASSWORD", "postgres");
        return second;
    }

    static HttpResponse<String> call(Conduit on, String method, String path, String body, String token)
            throws Exception {
        return call(uri(on, path), method, body, token);
    }

    /** One request with an optional JSON body and token; 10 s at most. */
    static HttpResponse<String> call(URI uri, String method, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Where an in-process instance answers a path. */
    static URI uri(Conduit on, String path) {
        return URI.create("http://127.0.0.1:" + on.port() + path);
    }

    /**
     * Registers a user (password {@code correct horse}, email {@code <username>@example.com}) and checks the 201.
     *
     * @param at where the instance answers a path
     * @param username the user name
     * @return the answer's {@code user}: token, refresh token, email
     */
    static JsonNode register(Function<String, URI> at, String username) throws Exception {
        HttpResponse<String> registered = call(
                at.apply("/api/users"),
                "POST",
                "{\"user\":{\"username\":\"" + username + "\",\"email\":\"" + username
                        + "@example.com\",\"password\":\"correct horse\"}}",
                null);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).get("user");
    }

    /**
     * Creates an article (description {@code d}) and checks the 201.
     *
     * @param at where the instance answers a path
     * @param token the author's token
     * @param title the title
     * @param body the body
     * @param tags its tags, as a JSON array's items ({@code "a","b"}), or empty
     * @return its slug
     */
    static String createArticle(Function<String, URI> at, String token, String title, String body, String tags)
            throws Exception {
        HttpResponse<String> created = call(
                at.apply("/api/articles"),
                "POST",
                "{\"article\":{\"title\":\"" + title + "\",\"description\":\"d\",\"body\":\"" + body
                        + "\",\"tagList\":[" + tags + "]}}",
                token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/article/slug").asText();
    }

    @Test
    void twoInstancesServeOneServiceThroughRedis() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            Map<String, String> env = env(data, "redis://127.0.0.1:" + redis.port(), 1_000);
            try (Conduit a = Conduit.start(Config.fromEnvironment(env));
                    Conduit b = Conduit.start(Config.fromEnvironment(second(env, a)))) {
                JsonNode registered = register(path -> uri(a, path), "fleet");
                String token = registered.get("token").asText();
                String refresh = registered.get("refreshToken").asText();

                // Written on a, read on b; updated on a, and b serves the new text (its cache was told).
                String slug = createArticle(path -> uri(a, path), token, "Fleet", "first", "");
                assertThat(json(call(b, "GET", "/api/articles/" + slug, null, null))
                                .at("/article/body")
                                .asText())
                        .isEqualTo("first");
                assertThat(call(a, "PUT", "/api/articles/" + slug, "{\"article\":{\"body\":\"second\"}}", token)
                                .statusCode())
                        .isEqualTo(200);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> json(call(b, "GET", "/api/articles/" + slug, null, null))
                                .at("/article/body")
                                .asText()
                                .equals("second"));
                // The same for a profile read on b before and after a change on a.
                assertThat(call(b, "GET", "/api/profiles/fleet", null, null).statusCode())
                        .isEqualTo(200);
                call(a, "PUT", "/api/user", "{\"user\":{\"bio\":\"moved\"}}", token);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> json(call(b, "GET", "/api/profiles/fleet", null, null))
                                .at("/profile/bio")
                                .asText()
                                .equals("moved"));

                // A refresh token rotated on b is spent on a too: replaying it there ends the family.
                HttpResponse<String> rotated =
                        call(b, "POST", "/api/users/refresh", "{\"refreshToken\":\"" + refresh + "\"}", null);
                assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
                String next = json(rotated).at("/user/refreshToken").asText();
                assertThat(call(a, "POST", "/api/users/refresh", "{\"refreshToken\":\"" + refresh + "\"}", null)
                                .statusCode())
                        .isEqualTo(401);
                assertThat(call(b, "POST", "/api/users/refresh", "{\"refreshToken\":\"" + next + "\"}", null)
                                .statusCode())
                        .as("the replay revoked the family on every instance")
                        .isEqualTo(401);

                // Logged out on a: the access token is refused by b at once.
                assertThat(call(b, "GET", "/api/user", null, token).statusCode())
                        .isEqualTo(200);
                assertThat(call(a, "POST", "/api/users/logout", "{}", token).statusCode())
                        .isEqualTo(204);
                assertThat(call(b, "GET", "/api/user", null, token).statusCode())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void aColdArticleAskedForOnBothInstancesAtOnceIsLoadedOnce() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            Map<String, String> env = env(data, "redis://127.0.0.1:" + redis.port(), 1_000);
            try (Conduit a = Conduit.start(Config.fromEnvironment(env));
                    Conduit b = Conduit.start(Config.fromEnvironment(second(env, a)))) {
                String token =
                        register(path -> uri(a, path), "cold").get("token").asText();
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
                try {
                    for (int round = 0; round < 5; round++) {
                        String slug = createArticle(path -> uri(a, path), token, "Cold " + round, "b", "");
                        long before = a.cacheLoads("articles") + b.cacheLoads("articles");
                        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                        for (int i = 0; i < 8; i++) {
                            Conduit on = i % 2 == 0 ? a : b;
                            answers.add(pool.submit(() -> {
                                go.await();
                                return call(on, "GET", "/api/articles/" + slug, null, null)
                                        .statusCode();
                            }));
                        }
                        go.countDown();
                        for (java.util.concurrent.Future<Integer> answer : answers) {
                            assertThat(answer.get()).isEqualTo(200);
                        }
                        assertThat(a.cacheLoads("articles") + b.cacheLoads("articles") - before)
                                .as("round " + round + ": 8 readers on two instances, one load")
                                .isEqualTo(1);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void aClientsRateLimitIsOneLimitAcrossInstances() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            Map<String, String> env = env(data, "redis://127.0.0.1:" + redis.port(), 2);
            try (Conduit a = Conduit.start(Config.fromEnvironment(env));
                    Conduit b = Conduit.start(Config.fromEnvironment(second(env, a)))) {
                long started = System.nanoTime();
                int admitted = 0;
                int refused = 0;
                for (int i = 0; i < 20; i++) {
                    int status = call(i % 2 == 0 ? a : b, "GET", "/api/tags", null, null)
                            .statusCode();
                    if (status == 200) {
                        admitted++;
                    } else {
                        assertThat(status).isEqualTo(429);
                        refused++;
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(admitted)
                        .as("a burst of 4 and 2 a second, shared: each instance alone would admit 4 more")
                        .isBetween(4, 4 + (int) Math.ceil(2 * seconds));
                assertThat(refused).isPositive();
            }
        }
    }
}
