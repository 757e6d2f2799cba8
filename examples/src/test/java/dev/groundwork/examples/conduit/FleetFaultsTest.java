package dev.groundwork.examples.conduit;

import static dev.groundwork.examples.conduit.FleetTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.RedisProcess;
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
 * the instances recover without a restart, no stale cached article survives, and a logout on one instance is
 * refused by the other again once Redis is back.
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
        String token = JSON.readTree(call(
                                a,
                                "POST",
                                "/api/users",
                                "{\"user\":{\"username\":\"faults\",\"email\":\"faults@example.com\","
                                        + "\"password\":\"correct horse\"}}",
                                null)
                        .body())
                .at("/user/token")
                .asText();
        String slug = JSON.readTree(call(
                                a,
                                "POST",
                                "/api/articles",
                                "{\"article\":{\"title\":\"Faults\",\"description\":\"d\",\"body\":\"before\","
                                        + "\"tagList\":[\"f\"]}}",
                                token)
                        .body())
                .at("/article/slug")
                .asText();

        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Conduit on = w % 2 == 0 ? a : b;
            workers.add(load.submit(() -> {
                while (running.get()) {
                    for (String path : List.of("/api/articles/" + slug, "/api/articles?limit=5", "/api/tags")) {
                        int status = call(on, "GET", path, null, token).statusCode();
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                }
                return null;
            }));
        }
        try {
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            redis.stop();
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            redis.start(); // empty, as after a restart without persistence
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            redis.pause();
            Awaitility.await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
            redis.resume();
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        } finally {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
            load.shutdown();
        }
        assertThat(statuses.keySet())
                .as("statuses answered under load: " + statuses)
                .allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(statuses.get(200).sum()).isGreaterThan(100);

        // Nothing stale survives: a write on a is read on b within the caches' bound.
        assertThat(call(a, "PUT", "/api/articles/" + slug, "{\"article\":{\"body\":\"after\"}}", token)
                        .statusCode())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(3))
                .until(() -> JSON.readTree(call(b, "GET", "/api/articles/" + slug, null, null)
                                .body())
                        .at("/article/body")
                        .asText()
                        .equals("after"));
        // Redis-backed revocation works again without a restart: a logout on a is refused by b.
        assertThat(call(a, "POST", "/api/users/logout", "{}", token).statusCode())
                .isEqualTo(204);
        assertThat(call(b, "GET", "/api/user", null, token).statusCode()).isEqualTo(401);
    }
}
