package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.testing.RedisProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two service processes started as a user starts them (the README's command), on one Redis
 * ({@code CONDUIT_REDIS_URL}) and one PostgreSQL (the first's embedded one, named to the second by
 * {@code CONDUIT_JDBC_URL}), sharing the data folder's signing key: RealWorld's suite passes against either, and
 * what one writes the other serves.
 */
class FleetIT {

    private static RedisProcess redis;
    private static ConduitProcess first;
    private static ConduitProcess second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        redis = new RedisProcess();
        Map<String, String> env = new HashMap<>();
        env.put(
                "CONDUIT_DATA",
                Files.createTempDirectory(Path.of("target"), "fleet-data").toString());
        env.put("CONDUIT_REDIS_URL", "redis://127.0.0.1:" + redis.port());
        first = ConduitProcess.start("fleet-first", env);
        env.put("CONDUIT_JDBC_URL", first.embeddedDatabaseUrl());
        env.put("CONDUIT_JDBC_USER", "postgres");
        env.put("CONDUIT_JDBC_PASSWORD", "postgres");
        second = ConduitProcess.start("fleet-second", env);
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
    void theRealWorldSuitePassesAgainstEitherInstance() throws Exception {
        RealWorldSuiteIT.assertTheSuitePasses(first, "fleet-first-newman");
        RealWorldSuiteIT.assertTheSuitePasses(second, "fleet-second-newman");
    }

    @Test
    void aUserRegisteredOnOneLogsInOnTheOtherAndItsTokenWorksOnBoth() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String user = "fleet" + System.nanoTime();
        HttpResponse<String> registered = client.send(
                HttpRequest.newBuilder(first.uri("/api/users"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":{\"username\":\"" + user
                                + "\",\"email\":\"" + user + "@example.com\",\"password\":\"correct horse\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(second.uri("/api/users/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"user\":{\"email\":\"" + user + "@example.com\",\"password\":\"correct horse\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token =
                new ObjectMapper().readTree(login.body()).at("/user/token").asText();
        for (ConduitProcess instance : new ConduitProcess[] {first, second}) {
            HttpResponse<String> current = client.send(
                    HttpRequest.newBuilder(instance.uri("/api/user"))
                            .header("Authorization", "Token " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        }
    }
}
