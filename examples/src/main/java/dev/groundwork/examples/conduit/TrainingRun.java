package dev.groundwork.examples.conduit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -XX:ArchiveClassesAtExit=conduit.jsa -jar conduit.jar --training-run}: starts the service on a
 * temporary data folder, sends it one request of each kind a user's first requests are (register, the current user,
 * an article written, listed and read, tags, the document and the docs page), stops it and deletes the folder. The
 * JVM then archives every class it loaded (AppCDS; on JDK 25 and newer the build asks for an AOT cache instead,
 * {@code -XX:AOTCacheOutput}, which also keeps the classes linked and their profiles), and {@code java
 * -XX:SharedArchiveFile=conduit.jsa -jar conduit.jar} starts in about half the time: class loading and verification
 * were most of the start. The build makes it right after the jar ({@code package}); a JVM that cannot use it
 * (another JDK, a rebuilt jar) says so in a warning and starts without it.
 */
final class TrainingRun {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SLUG = Pattern.compile("\"slug\"\\s*:\\s*\"([^\"]+)\"");

    private TrainingRun() {}

    static void run() throws Exception {
        Path data = Files.createTempDirectory("conduit-training-");
        try {
            try (Conduit conduit = Conduit.start(Config.fromEnvironment(
                    Map.of("CONDUIT_PORT", "0", "CONDUIT_DATA", data.toString(), "CONDUIT_RATE_PER_SECOND", "1000")))) {
                exercise(HttpClient.newHttpClient(), "http://127.0.0.1:" + conduit.port());
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }

    private static void exercise(HttpClient client, String base) throws IOException, InterruptedException {
        String user = call(
                client,
                base,
                "POST",
                "/api/users",
                null,
                "{\"user\":{\"username\":\"trainer\",\"email\":\"trainer@example.com\",\"password\":\"training run\"}}");
        String token = first(TOKEN, user);
        call(client, base, "GET", "/api/user", token, null);
        String article = call(
                client,
                base,
                "POST",
                "/api/articles",
                token,
                "{\"article\":{\"title\":\"Training\",\"description\":\"d\",\"body\":\"b\",\"tagList\":[\"t\"]}}");
        String slug = first(SLUG, article);
        call(client, base, "GET", "/api/articles?limit=10", null, null);
        call(client, base, "GET", "/api/articles?limit=10", token, null);
        call(client, base, "GET", "/api/articles/" + slug, token, null);
        call(client, base, "GET", "/api/articles/" + slug, null, null);
        call(client, base, "GET", "/api/profiles/trainer", null, null);
        call(client, base, "GET", "/api/tags", null, null);
        call(client, base, "GET", "/api/articles/missing-" + slug, null, null);
        call(client, base, "GET", "/openapi.json", null, null);
        call(client, base, "GET", "/docs/", null, null);
    }

    private static String call(
            HttpClient client, String base, String method, String path, @Nullable String token, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IOException(method + " " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String first(Pattern pattern, String body) throws IOException {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IOException("unexpected answer: " + body);
        }
        return matcher.group(1);
    }
}
