package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.RedisProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two service processes started as a user starts them (the README's command), on one Redis
 * ({@code CONDUIT_REDIS_URL}) and one PostgreSQL (the first's embedded one, named to the second by
 * {@code CONDUIT_JDBC_URL}), sharing the data folder's signing key: RealWorld's suite passes against either; an
 * article updated through one is read fresh through the other within 2 s; a logout or a killed refresh family on one
 * is refused by the other; a client's rate limit is one limit across both; and the same cold article asked for on
 * both at once is loaded from the database once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedisProcess redis;
    private static Path data;
    private static ConduitProcess first;
    private static ConduitProcess second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        redis = new RedisProcess();
        Map<String, String> env = new HashMap<>();
        data = Files.createTempDirectory(Path.of("target"), "fleet-data");
        env.put("CONDUIT_DATA", data.toString());
        env.put("CONDUIT_REDIS_URL", "redis://127.0.0.1:" + redis.port());
        first = ConduitProcess.start("fleet-first", env);
        env.put("CONDUIT_JDBC_URL", first.embeddedDatabaseUrl());
        env.put("CONDUIT_JDBC_USER", "postgres");
        env.put("CONDUIT_JDBC_PASSWORD", "postgres");
        second = ConduitProcess.start("fleet-second", env);
        // PostgreSQL's own statement log, to count the queries behind a burst of reads (see the cold article test).
        try (Connection admin = DriverManager.getConnection(first.embeddedDatabaseUrl(), "postgres", "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER SYSTEM SET log_statement = 'all'");
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** The lines of the first instance's PostgreSQL log that name a value, such as an article's slug. */
    private static long logLinesNaming(String value) throws IOException {
        try (Stream<String> lines = Files.lines(data.resolve("postgres.log"))) {
            return lines.filter(line -> line.contains("'" + value + "'")).count();
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1) // first: the suite counts its assertions, and other tests' articles would add to them
    void theRealWorldSuitePassesAgainstEitherInstance() throws Exception {
        RealWorldSuiteIT.assertTheSuitePasses(first, "fleet-first-newman");
        RealWorldSuiteIT.assertTheSuitePasses(second, "fleet-second-newman");
    }

    private static HttpResponse<String> call(ConduitProcess on, String method, String path, String body, String token)
            throws Exception {
        return FleetTest.call(on.uri(path), method, body, token);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Registers a user of its own on the first instance: its token and refresh token. */
    private static JsonNode register(String prefix) throws Exception {
        return FleetTest.register(first::uri, prefix + System.nanoTime());
    }

    private static String createArticle(String token, String title) throws Exception {
        return FleetTest.createArticle(first::uri, token, title, "first", "");
    }

    @Test
    void anArticleUpdatedThroughOneIsReadFreshThroughTheOtherWithinTwoSeconds() throws Exception {
        String token = register("fresh").get("token").asText();
        String slug = createArticle(token, "Fresh " + System.nanoTime());
        assertThat(json(call(second, "GET", "/api/articles/" + slug, null, null))
                        .at("/article/body")
                        .asText())
                .isEqualTo("first");

        assertThat(call(first, "PUT", "/api/articles/" + slug, "{\"article\":{\"body\":\"second\"}}", token)
                        .statusCode())
                .isEqualTo(200);
        long updated = System.nanoTime();
        Awaitility.await("the second instance serves the new body")
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> json(call(second, "GET", "/api/articles/" + slug, null, null))
                        .at("/article/body")
                        .asText()
                        .equals("second"));
        System.out.printf("fresh on the other instance after %.1f ms%n", (System.nanoTime() - updated) / 1e6);
    }

    @Test
    void aLogoutOrAKilledRefreshFamilyOnOneIsRefusedByTheOther() throws Exception {
        JsonNode user = register("revoked");
        String token = user.get("token").asText();
        String refresh = user.get("refreshToken").asText();

        HttpResponse<String> rotated =
                call(second, "POST", "/api/users/refresh", "{\"refreshToken\":\"" + refresh + "\"}", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String next = json(rotated).at("/user/refreshToken").asText();
        assertThat(call(first, "POST", "/api/users/refresh", "{\"refreshToken\":\"" + refresh + "\"}", null)
                        .statusCode())
                .as("the spent token replayed on the other instance")
                .isEqualTo(401);
        assertThat(call(second, "POST", "/api/users/refresh", "{\"refreshToken\":\"" + next + "\"}", null)
                        .statusCode())
                .as("the replay killed the family on every instance")
                .isEqualTo(401);

        assertThat(call(second, "GET", "/api/user", null, token).statusCode()).isEqualTo(200);
        assertThat(call(first, "POST", "/api/users/logout", "{}", token).statusCode())
                .isEqualTo(204);
        assertThat(call(second, "GET", "/api/user", null, token).statusCode())
                .as("logged out on the first instance")
                .isEqualTo(401);
    }

    @Test
    void aClientsRateLimitIsOneLimitAcrossBothProcesses() throws Exception {
        // The default limit: 50 a second with bursts of 100, per user. Each process alone would admit a burst.
        String token = register("limited").get("token").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> calls = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 400; i++) {
                ConduitProcess on = i % 2 == 0 ? first : second;
                calls.add(pool.submit(() -> {
                    int status = call(on, "GET", "/api/tags", null, token).statusCode();
                    assertThat(status).isIn(200, 429);
                    (status == 200 ? admitted : refused).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "rate limit across two processes: %d admitted, %d refused in %.2f s%n",
                    admitted.get(), refused.get(), seconds);
            assertThat(admitted.get())
                    .as("one burst of 100 and 50 a second for both processes together")
                    .isBetween(100, 100 + (int) Math.ceil(50 * seconds) + 1);
            assertThat(refused.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Counted in PostgreSQL's statement log, where every query that names the article's slug leaves a line: one
     * read alone on a cold article shows how many one load takes; eight readers at once on two processes must show
     * the same number, not twice or eight times it.
     */
    @Test
    void theSameColdArticleAskedForOnBothAtOnceIsLoadedOnce() throws Exception {
        String token = register("cold").get("token").asText();
        String alone = createArticle(token, "Cold alone " + System.nanoTime());
        long beforeAlone = logLinesNaming(alone);
        assertThat(call(second, "GET", "/api/articles/" + alone, null, null).statusCode())
                .isEqualTo(200);
        long oneLoad = logLinesNaming(alone) - beforeAlone;
        assertThat(oneLoad).as("log lines of one load").isPositive();
        assertThat(call(first, "GET", "/api/articles/" + alone, null, null).statusCode())
                .isEqualTo(200);
        assertThat(logLinesNaming(alone) - beforeAlone)
                .as("the other instance found it in Redis")
                .isEqualTo(oneLoad);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String slug = createArticle(token, "Cold " + round + " " + System.nanoTime());
                long before = logLinesNaming(slug);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ConduitProcess on = i % 2 == 0 ? first : second;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return call(on, "GET", "/api/articles/" + slug, null, null)
                                .statusCode();
                    }));
                }
                go.countDown();
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
                assertThat(logLinesNaming(slug) - before)
                        .as("round " + round + ": 8 readers on two processes, the statements of one load")
                        .isEqualTo(oneLoad);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUserRegisteredOnOneLogsInOnTheOtherAndItsTokenWorksOnBoth() throws Exception {
        String email = register("login").get("email").asText();
        HttpResponse<String> login = call(
                second,
                "POST",
                "/api/users/login",
                "{\"user\":{\"email\":\"" + email + "\",\"password\":\"correct horse\"}}",
                null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = json(login).at("/user/token").asText();
        for (ConduitProcess instance : new ConduitProcess[] {first, second}) {
            HttpResponse<String> current = call(instance, "GET", "/api/user", null, token);
            assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        }
    }
}
