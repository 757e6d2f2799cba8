package dev.groundwork.examples.conduit;

import static dev.groundwork.examples.conduit.FleetTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.LoopbackPorts;
import dev.groundwork.testing.RedisProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one Redis under a steady read load (an article with a token, the list, the tags, on both) while
 * Redis is stopped and started again empty, then frozen with {@code kill -STOP} and let go: no answer is a 5xx,
 * the instances recover without a restart, an article written while Redis was away is read fresh on both, and a
 * logout on one instance is refused by the other again once Redis is back. Then their PostgreSQL is stopped and
 * started again under the same load: answers are 200 or 503, never 500, and both serve again without a restart.
 */
class FleetFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void redisStoppedAndFrozenUnderLoadGivesNo5xxAndNothingStale() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            Map<String, String> env = FleetTest.env(data, "redis://127.0.0.1:" + redis.port(), 1_000_000);
            try (Conduit a = Conduit.start(Config.fromEnvironment(env))) {
                try (Conduit b = Conduit.start(Config.fromEnvironment(FleetTest.second(env, a)))) {
                    runFaults(redis, a, b);
                }
            }
        }
    }

    private static void runFaults(RedisProcess redis, Conduit a, Conduit b) throws Exception {
        String token = FleetTest.register(path -> FleetTest.uri(a, path), "faults")
                .get("token")
                .asText();
        String slug = FleetTest.createArticle(path -> FleetTest.uri(a, path), token, "Faults", "before", "\"f\"");

        ReadLoad load = new ReadLoad(List.of(a, b), slug, token);
        try {
            pause(Duration.ofSeconds(1));
            redis.stop();
            pause(Duration.ofSeconds(1));
            // A write while Redis is away: the database takes it; the invalidation waits for Redis.
            assertThat(call(a, "PUT", "/api/articles/" + slug, "{\"article\":{\"body\":\"while down\"}}", token)
                            .statusCode())
                    .isEqualTo(200);
            pause(Duration.ofSeconds(1));
            redis.start(); // empty, as after a restart without persistence
            pause(Duration.ofSeconds(2));
            redis.pause();
            pause(Duration.ofMillis(1500));
            redis.resume();
            pause(Duration.ofSeconds(2));
        } finally {
            load.stop();
        }
        assertThat(load.statuses.keySet())
                .as("statuses answered under load: " + load.statuses)
                .allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(load.statuses.get(200).sum()).isGreaterThan(100);
        for (Conduit on : List.of(a, b)) {
            assertThat(body(on, slug)).as("the write made while Redis was away").isEqualTo("while down");
        }

        // Nothing stale survives: a write on a is read on b within the caches' bound.
        assertThat(call(a, "PUT", "/api/articles/" + slug, "{\"article\":{\"body\":\"after\"}}", token)
                        .statusCode())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(3))
                .until(() -> body(b, slug).equals("after"));
        // Redis-backed revocation works again without a restart: a logout on a is refused by b.
        assertThat(call(a, "POST", "/api/users/logout", "{}", token).statusCode())
                .isEqualTo(204);
        assertThat(call(b, "GET", "/api/user", null, token).statusCode()).isEqualTo(401);
    }

    @Test
    void postgresRestartedUnderLoadAnswers503AndThenServesAgain() throws Exception {
        // Restarted on the same port below: a port no client can take while the database is down.
        int port = LoopbackPorts.free();
        Path folder = java.nio.file.Files.createDirectories(data.resolve("pg"));
        EmbeddedPostgres database = DatabaseRestartTest.postgres(folder, port);
        try (RedisProcess redis = new RedisProcess()) {
            Map<String, String> env = FleetTest.env(data, "redis://127.0.0.1:" + redis.port(), 1_000_000);
            env.put("CONDUIT_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            env.put("CONDUIT_JDBC_USER", "postgres");
            try (Conduit a = Conduit.start(Config.fromEnvironment(env));
                    Conduit b = Conduit.start(Config.fromEnvironment(env))) {
                String token = FleetTest.register(path -> FleetTest.uri(a, path), "pg")
                        .get("token")
                        .asText();
                String slug = FleetTest.createArticle(path -> FleetTest.uri(a, path), token, "Restart", "b", "");
                ReadLoad load = new ReadLoad(List.of(a, b), slug, token);
                try {
                    pause(Duration.ofSeconds(1));
                    database.close();
                    Awaitility.await("503 answers while the database is down")
                            .atMost(Duration.ofSeconds(15))
                            .until(() -> load.statuses.containsKey(503));
                    database = DatabaseRestartTest.postgres(folder, port);
                    long restarted = load.count(503);
                    Awaitility.await("both instances serve again without a restart")
                            .atMost(Duration.ofSeconds(20))
                            .until(() -> call(a, "GET", "/api/tags", null, null).statusCode() == 200
                                    && call(b, "GET", "/api/tags", null, null).statusCode() == 200);
                    System.out.printf(
                            "PostgreSQL restart under load: %s (503s after the restart began: %d)%n",
                            load.statuses, load.count(503) - restarted);
                    pause(Duration.ofSeconds(1));
                } finally {
                    load.stop();
                }
                assertThat(load.statuses.keySet())
                        .as("statuses answered under load: " + load.statuses)
                        .containsOnly(200, 503);
                assertThat(call(b, "PUT", "/api/articles/" + slug, "{\"article\":{\"body\":\"after\"}}", token)
                                .statusCode())
                        .isEqualTo(200);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> body(a, slug).equals("after"));
            }
        } finally {
            database.close();
        }
    }

    private static String body(Conduit on, String slug) throws Exception {
        return JSON.readTree(
                        call(on, "GET", "/api/articles/" + slug, null, null).body())
                .at("/article/body")
                .asText();
    }

    /** Waits without a sleep (sleeping in tests is banned: see the build's rules). */
    private static void pause(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    /** Four readers, two per instance, each asking in turn for an article with a token, a page and the tags. */
    private static final class ReadLoad {
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool = Executors.newFixedThreadPool(4);
        private final List<Future<?>> workers = new ArrayList<>();

        ReadLoad(List<Conduit> instances, String slug, String token) {
            for (int w = 0; w < 4; w++) {
                Conduit on = instances.get(w % instances.size());
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        for (String path : List.of("/api/articles/" + slug, "/api/articles?limit=5", "/api/tags")) {
                            int status = call(on, "GET", path, null, token).statusCode();
                            statuses.computeIfAbsent(status, s -> new LongAdder())
                                    .increment();
                        }
                    }
                    return null;
                }));
            }
        }

        long count(int status) {
            LongAdder count = statuses.get(status);
            return count == null ? 0 : count.sum();
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
        }
    }
}
