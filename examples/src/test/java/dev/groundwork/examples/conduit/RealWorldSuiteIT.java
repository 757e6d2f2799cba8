package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RealWorld's own conformance suite (its Postman collection, 32 requests and 311 assertions, from
 * {@code ../shared/conformance/realworld/}, unchanged) run by newman against the service started as a user starts
 * it: {@code java -jar target/conduit.jar}, in its own process, on a fresh data folder.
 */
class RealWorldSuiteIT {

    private static final Path TARGET = Path.of("target");

    private static ConduitProcess service;

    @BeforeAll
    static void startTheServiceAsAUserDoes() throws Exception {
        service = ConduitProcess.start("conduit-it");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyRequestAndEveryAssertionOfTheRealWorldSuitePasses() throws Exception {
        assertTheSuitePasses(service, "newman");
    }

    /**
     * Runs RealWorld's collection against a running service with a fresh user; every request and every assertion
     * must pass.
     *
     * @param name names the report and the log under {@code target/}
     */
    static void assertTheSuitePasses(ConduitProcess on, String name) throws Exception {
        Path suite = Path.of(System.getProperty("realworld.dir", "../../shared/conformance/realworld"))
                .resolve("Conduit.postman_collection.json");
        assertThat(suite)
                .as("RealWorld's collection, kept in ../shared beside the checkout")
                .exists();
        Path newman = installNewman();
        Path report = TARGET.resolve(name + "-report.json");
        String user = "u" + System.nanoTime();
        Process run = new ProcessBuilder(
                        newman.toString(),
                        "run",
                        suite.toString(),
                        "--global-var",
                        "APIURL=" + on.uri("/api"),
                        "--global-var",
                        "USERNAME=" + user,
                        "--global-var",
                        "EMAIL=" + user + "@mail.com",
                        "--global-var",
                        "PASSWORD=password",
                        "--reporters",
                        "cli,json",
                        "--reporter-json-export",
                        report.toString())
                .redirectErrorStream(true)
                .redirectOutput(TARGET.resolve(name + ".log").toFile())
                .start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("newman finished").isTrue();

        JsonNode stats = new ObjectMapper().readTree(report.toFile()).at("/run/stats");
        assertThat(stats.at("/requests/total").asInt()).isEqualTo(32);
        assertThat(stats.at("/requests/failed").asInt()).isZero();
        assertThat(stats.at("/assertions/total").asInt()).isEqualTo(311);
        assertThat(stats.at("/assertions/failed").asInt())
                .as("see target/" + name + ".log")
                .isZero();
        assertThat(run.exitValue()).isZero();
    }

    /** newman at the version {@code src/test/newman/package-lock.json} pins, installed with {@code npm ci}. */
    private static synchronized Path installNewman() throws Exception {
        Path folder = Files.createDirectories(TARGET.resolve("newman"));
        Path bin = folder.resolve("node_modules/.bin/newman");
        if (Files.isExecutable(bin)) {
            return bin.toAbsolutePath();
        }
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(Path.of("src/test/newman", file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(TARGET.resolve("npm-ci.log").toFile())
                .start();
        assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(install.exitValue()).as("npm ci; see target/npm-ci.log").isZero();
        return bin.toAbsolutePath();
    }
}
