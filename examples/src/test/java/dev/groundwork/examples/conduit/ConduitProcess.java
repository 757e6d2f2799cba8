package dev.groundwork.examples.conduit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service started as a user starts it, for the integration tests: the java command of the README's first
 * command ({@code java -XX:SharedArchiveFile=… -jar target/conduit.jar}, read from the README) in its own process, on a fresh data folder and a free port, its output kept in {@code target/<name>.log}. Closing it sends
 * SIGTERM, as a stop does, so the shutdown hook lets requests finish and closes the database.
 */
final class ConduitProcess implements AutoCloseable {

    private static final Pattern UP = Pattern.compile("Conduit is up on http://[^:]+:(\\d+)/api");
    private static final Path TARGET = Path.of("target");

    private final Process process;
    private final int port;
    private final Path log;

    private ConduitProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar and waits for its "up" line.
     *
     * @param name names the data folder and the log under {@code target/}
     */
    static ConduitProcess start(String name) throws IOException, InterruptedException {
        return start(name, Map.of());
    }

    /**
     * Starts the jar with more environment (a {@code CONDUIT_DATA} given there replaces the fresh folder) and waits
     * for its "up" line.
     *
     * @param name names the data folder and the log under {@code target/}
     * @param env more environment variables
     */
    static ConduitProcess start(String name, Map<String, String> env) throws IOException, InterruptedException {
        Path log = TARGET.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(readmeCommand()).redirectErrorStream(true);
        builder.environment().put("CONDUIT_PORT", "0");
        if (!env.containsKey("CONDUIT_DATA")) {
            builder.environment()
                    .put(
                            "CONDUIT_DATA",
                            Files.createTempDirectory(TARGET, name + "-data").toString());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<Integer> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
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
        try {
            return new ConduitProcess(process, up.get(120, TimeUnit.SECONDS), log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not come up; see " + log, e);
        }
    }

    /**
     * The java command of the repository README's first command, as printed (after the build's {@code &&}), with
     * this JVM's {@code java} and paths taken from the examples folder the tests run in.
     */
    static List<String> readmeCommand() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(readme);
        if (!block.find()) {
            throw new IllegalStateException("the README has no sh block");
        }
        String first = block.group(1).strip();
        Matcher run = Pattern.compile(
                        "^\\./mvnw [^&]* package [^&]*&& (java (?:-\\S+ )*-jar examples/target/conduit\\.jar)$")
                .matcher(first);
        if (!run.matches()) {
            throw new IllegalStateException("the README's first command is not build && java ... -jar: " + first);
        }
        List<String> command = new ArrayList<>();
        for (String word : run.group(1).split(" ")) {
            command.add(
                    word.equals("java")
                            ? Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString()
                            : word.replace("examples/target/", "target/"));
        }
        return command;
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Path log() {
        return log;
    }

    /** The JDBC URL of the embedded PostgreSQL this process started, as its log names it. */
    String embeddedDatabaseUrl() throws IOException {
        Matcher port = Pattern.compile("embedded PostgreSQL on port (\\d+)").matcher(Files.readString(log));
        if (!port.find()) {
            throw new IllegalStateException("no embedded PostgreSQL in " + log);
        }
        return "jdbc:postgresql://127.0.0.1:" + port.group(1) + "/postgres";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
