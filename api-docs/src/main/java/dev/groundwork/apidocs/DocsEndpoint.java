package dev.groundwork.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Serves a document and a docs page without a framework: a request's method, path (below where the endpoint is
 * mounted) and {@code If-None-Match} in, a {@link Reply} (status, headers, body) out, for any HTTP server to write.
 *
 * <ul>
 *   <li>{@code openapi.json} and {@code openapi.yaml}: the document, with a strong {@code ETag} and {@code 304}
 *       for a matching {@code If-None-Match};
 *   <li>the empty path: a docs page (Swagger UI) reading {@code openapi.json}, when {@code org.webjars:swagger-ui}
 *       is on the class path (an optional dependency; without it the page answers 404 saying so);
 *   <li>{@code swagger-ui/<file>}: that webjar's files, by plain file name only.
 * </ul>
 *
 * <pre>{@code
 * DocsEndpoint docs = DocsEndpoint.of(api);
 * server.createContext("/docs/", exchange -> {
 *     String path = exchange.getRequestURI().getPath().substring("/docs/".length());
 *     DocsEndpoint.Reply reply = docs.handle(
 *             exchange.getRequestMethod(),
 *             path,
 *             exchange.getRequestHeaders().getFirst("If-None-Match"));
 *     reply.headers().forEach(exchange.getResponseHeaders()::set);
 *     byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : reply.body();
 *     exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
 *     exchange.getResponseBody().write(body);
 *     exchange.close();
 * });
 * }</pre>
 *
 * <p>Immutable and thread-safe; the document's bytes are rendered once.
 */
public final class DocsEndpoint {

    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    private final Representation json;
    private final Representation yaml;
    private final @Nullable String swaggerUiVersion;
    private final Representation page;
    private final Map<String, Representation> assets = new ConcurrentHashMap<>();

    /** One response body with its headers. */
    private record Representation(byte[] body, String contentType, String etag) {}

    /**
     * What to answer: a status, headers and a body (empty for none, and to be left out for {@code HEAD}).
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the body
     */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        /**
         * A reply, its headers and body copied.
         *
         * @param status the HTTP status
         * @param headers the response headers
         * @param body the body
         */
        public Reply {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        /**
         * The body.
         *
         * @return a copy of the body's bytes
         */
        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    private DocsEndpoint(OpenApi api) {
        this.json = representation(api.toJson(), "application/json");
        this.yaml = representation(api.toYaml(), "application/yaml");
        this.swaggerUiVersion = swaggerUiVersion();
        this.page = representation(page(api.toString()), "text/html; charset=utf-8");
    }

    /**
     * An endpoint for a document.
     *
     * @param api the document
     * @return the endpoint
     */
    public static DocsEndpoint of(OpenApi api) {
        return new DocsEndpoint(Objects.requireNonNull(api, "api"));
    }

    /**
     * Answers one request.
     *
     * @param method the request method
     * @param path the path below where the endpoint is mounted, without a leading {@code /}
     * @param ifNoneMatch the {@code If-None-Match} header, or null
     * @return the reply
     */
    public Reply handle(String method, String path, @Nullable String ifNoneMatch) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Representation found = find(path);
        if (found == null) {
            String message = path.isEmpty() && swaggerUiVersion == null
                    ? "The docs page needs org.webjars:swagger-ui on the class path; the document is at openapi.json"
                    : "Not found";
            return new Reply(
                    404, Map.of("Content-Type", "text/plain; charset=utf-8"), message.getBytes(StandardCharsets.UTF_8));
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (!upper.equals("GET") && !upper.equals("HEAD")) {
            return new Reply(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
        }
        Map<String, String> headers = new java.util.TreeMap<>();
        headers.put("ETag", found.etag());
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        if (matches(ifNoneMatch, found.etag())) {
            return new Reply(304, headers, new byte[0]);
        }
        headers.put("Content-Type", found.contentType());
        if (found == page) {
            headers.put(
                    "Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'");
        }
        return new Reply(200, headers, found.body());
    }

    private @Nullable Representation find(String path) {
        switch (path) {
            case "openapi.json":
                return json;
            case "openapi.yaml":
                return yaml;
            case "":
                return swaggerUiVersion == null ? null : page;
            case "docs.js":
                return swaggerUiVersion == null ? null : initializer();
            default:
                break;
        }
        String version = swaggerUiVersion;
        if (version == null || !path.startsWith("swagger-ui/")) {
            return null;
        }
        String file = path.substring("swagger-ui/".length());
        if (!ASSET.matcher(file).matches() || file.contains("..")) {
            return null;
        }
        return assets.computeIfAbsent(file, f -> asset(version, f));
    }

    private @Nullable Representation asset(String version, String file) {
        try (InputStream in = DocsEndpoint.class.getClassLoader().getResourceAsStream(WEBJAR + version + "/" + file)) {
            if (in == null) {
                return null;
            }
            return representation(in.readAllBytes(), contentType(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Representation initializer() {
        String script = "window.addEventListener('load', function () {\n"
                + "  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#docs', deepLinking: true });\n"
                + "});\n";
        return representation(script.getBytes(StandardCharsets.UTF_8), "text/javascript; charset=utf-8");
    }

    private static byte[] page(String title) {
        String html = "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"swagger-ui/swagger-ui.css\">\n"
                + "</head>\n"
                + "<body>\n"
                + "<div id=\"docs\"></div>\n"
                + "<script src=\"swagger-ui/swagger-ui-bundle.js\"></script>\n"
                + "<script src=\"docs.js\"></script>\n"
                + "</body>\n"
                + "</html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static @Nullable String swaggerUiVersion() {
        try (InputStream in = DocsEndpoint.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".png")) {
            return "image/png";
        }
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".map") || file.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static Representation representation(byte[] body, String contentType) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String etag = "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22) + "\"";
            return new Representation(body, contentType, etag);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** RFC 9110 If-None-Match: weak comparison, a list of tags, or {@code *}. */
    private static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "DocsEndpoint[" + (swaggerUiVersion == null ? "document only" : "swagger-ui " + swaggerUiVersion) + "]";
    }
}
