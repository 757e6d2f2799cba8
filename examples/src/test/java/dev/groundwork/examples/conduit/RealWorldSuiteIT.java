package dev.groundwork.examples.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RealWorld's own conformance suite (its Postman collection, 32 requests and 311 assertions, from
 * {@code ../shared/conformance/realworld/}, unchanged) run by newman against the service started as a user starts
 * it: {@code java -jar target/conduit.jar}, in its own process, on a fresh data folder.
 */
class RealWorldSuiteIT {

    private static final Pattern UP = Pattern.compile("Conduit is up on http://[^:]+:(\\d+)/api");
    private static final Path TARGET = Path.of("target");

    private static Process service;
    private static int port;

    @BeforeAll
    static void startTheServiceAsAUserDoes() throws Exception {
        Path data = Files.createTempDirectory(TARGET, "conduit-it-data");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        TARGET.resolve("conduit.jar").toString())
                .redirectErrorStream(true);
        builder.environment().put("CONDUIT_PORT", "0");
        builder.environment().put("CONDUIT_DATA", data.toString());
        service = builder.start();
        CompletableFuture<Integer> up = new CompletableFuture<>();
        Path log = TARGET.resolve("conduit-it.log");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(log)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher matcher = UP.matcher(line);
                    if (matcher.find()) {
                        up.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                up.completeExceptionally(new IllegalStateException("the service exited; see " + log));
            } catch (IOException e) {
                up.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        port = up.get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.destroy(); // SIGTERM: the shutdown hook lets requests finish and closes the database
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void everyRequestAndEveryAssertionOfTheRealWorldSuitePasses() throws Exception {
        Path suite = Path.of(System.getProperty("realworld.dir", "../../shared/conformance/realworld"))
                .resolve("Conduit.postman_collection.json");
        assertThat(suite)
                .as("RealWorld's collection, kept in ../shared beside the checkout")
                .exists();
        Path newman = installNewman();
        Path report = TARGET.resolve("newman-report.json");
        String user = "u" + System.currentTimeMillis();
        Process run = new ProcessBuilder(
                        newman.toString(),
                        "run",
                        suite.toString(),
                        "--global-var",
                        "APIURL=http://127.0.0.1:" + port + "/api",
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
                .redirectOutput(TARGET.resolve("newman.log").toFile())
                .start();
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("newman finished").isTrue();

        JsonNode stats = new ObjectMapper().readTree(report.toFile()).at("/run/stats");
        assertThat(stats.at("/requests/total").asInt()).isEqualTo(32);
        assertThat(stats.at("/requests/failed").asInt()).isZero();
        assertThat(stats.at("/assertions/total").asInt()).isEqualTo(311);
        assertThat(stats.at("/assertions/failed").asInt())
                .as("see target/newman.log")
                .isZero();
        assertThat(run.exitValue()).isZero();
    }

    /** newman at the version {@code src/test/newman/package-lock.json} pins, installed with {@code npm ci}. */
    private static Path installNewman() throws Exception {
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
