package dev.groundwork.examples.conduit;

import static dev.groundwork.examples.conduit.FleetTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.testing.LoopbackPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a PostgreSQL it does not own ({@code CONDUIT_JDBC_URL}), and that PostgreSQL stopped and started
 * again on the same data: while it is down, requests that need it answer 503 with {@code Retry-After} within the
 * pool's 2 s (never 500, never a hang), and afterwards the same service answers again without a restart.
 */
class DatabaseRestartTest {

    @TempDir
    Path data;

    static EmbeddedPostgres postgres(Path folder, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(folder)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    @Test
    void whileTheDatabaseIsDownRequestsGet503AndAfterwardsTheyAreServedAgain() throws Exception {
        // Restarted on the same port below: a port no client can take while the database is down.
        int port = LoopbackPorts.free();
        Path folder = Files.createDirectories(data.resolve("pg"));
        EmbeddedPostgres database = postgres(folder, port);
        try (Conduit conduit = Conduit.start(Config.fromEnvironment(Map.of(
                "CONDUIT_PORT",
                "0",
                "CONDUIT_DATA",
                data.resolve("service").toString(),
                "CONDUIT_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "CONDUIT_JDBC_USER",
                "postgres")))) {
            String register =
                    "{\"user\":{\"username\":\"%s\",\"email\":\"%s@example.com\",\"password\":\"correct horse\"}}";
            assertThat(call(conduit, "POST", "/api/users", register.formatted("before", "before"), null)
                            .statusCode())
                    .isEqualTo(201);

            database.close();
            HttpResponse<String> write =
                    call(conduit, "POST", "/api/users", register.formatted("during", "during"), null);
            assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
            assertThat(write.headers().firstValue("Retry-After")).contains("1");
            assertThat(write.body()).contains("database").doesNotContain("Exception");
            Awaitility.await("the tags' one-second cache runs out")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> call(conduit, "GET", "/api/tags", null, null).statusCode() == 503);
            assertThat(call(conduit, "GET", "/api/articles", null, null).statusCode())
                    .isIn(200, 503);

            database = postgres(folder, port);
            EmbeddedPostgres restarted = database;
            Awaitility.await("served again")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> call(conduit, "GET", "/api/tags", null, null).statusCode() == 200);
            assertThat(call(conduit, "POST", "/api/users", register.formatted("after", "after"), null)
                            .statusCode())
                    .isEqualTo(201);
            assertThat(call(conduit, "GET", "/api/profiles/before", null, null).statusCode())
                    .as("what was written before the restart is there")
                    .isEqualTo(200);
            assertThat(restarted.getPort()).isEqualTo(port);
        } finally {
            database.close();
        }
    }
}
