package dev.groundwork.examples.conduit;

import com.sun.net.httpserver.HttpExchange;
import dev.groundwork.apidocs.DocsEndpoint;
import dev.groundwork.auth.AccessToken;
import dev.groundwork.auth.AuthOutcome;
import dev.groundwork.auth.BearerAuthenticator;
import dev.groundwork.cache.http.ConditionalOutcome;
import dev.groundwork.cache.http.ConditionalRequest;
import dev.groundwork.cache.http.EntityTag;
import dev.groundwork.cache.http.Validators;
import dev.groundwork.examples.conduit.Bodies.ErrorResponse;
import dev.groundwork.examples.conduit.Bodies.Errors;
import dev.groundwork.examples.conduit.Route.Access;
import dev.groundwork.examples.conduit.Route.Reply;
import dev.groundwork.examples.conduit.Route.Request;
import dev.groundwork.persistence.jdbc.StatementCounter;
import dev.groundwork.persistence.jdbc.StatementRecording;
import dev.groundwork.ratelimit.Decision;
import dev.groundwork.ratelimit.KeyedRateLimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Dispatches requests to routes by method and path template, and turns every outcome into an HTTP answer: the
 * caller's token checked per route, bodies bounded and typed, errors as RealWorld's {@code {"errors":{"body":[…]}}}
 * or RFC 9457 problem details for a client that asks for them, and never a stack trace.
 */
final class Router {

    private static final System.Logger ACCESS = System.getLogger("conduit.access");
    private static final System.Logger LOG = System.getLogger(Router.class.getName());
    static final int MAX_BODY = 1 << 20;
    static final int MAX_PATH = 2048;
    /** How much of a too-large body is read and dropped before the 413, so the client sees the answer. */
    static final long MAX_SWALLOW = 16L << 20;

    private record Compiled(Route route, String[] segments) {}

    private final List<Compiled> routes = new ArrayList<>();
    private final BearerAuthenticator authenticator;
    private final Json json;
    private final DocsEndpoint docs;
    private final @Nullable StatementCounter statements;
    private final KeyedRateLimiter<String> limiter;
    private volatile boolean stopping;
    /** Set on a worker while it runs an exchange that arrived after {@link #stopAccepting}. */
    private static final ThreadLocal<Boolean> REFUSED = new ThreadLocal<>();

    Router(
            List<Route> routes,
            BearerAuthenticator authenticator,
            Json json,
            DocsEndpoint docs,
            @Nullable StatementCounter statements,
            KeyedRateLimiter<String> limiter) {
        this.limiter = limiter;
        for (Route route : routes) {
            this.routes.add(new Compiled(route, route.path().substring(1).split("/", -1)));
        }
        this.authenticator = authenticator;
        this.json = json;
        this.docs = docs;
        this.statements = statements;
    }

    /** From now on, requests get 503 and {@code Connection: close}: the service is stopping. */
    void stopAccepting() {
        stopping = true;
    }

    /**
     * An exchange as the server hands it to a worker: whether it is answered or refused as "stopping" is decided
     * now, so a request that arrived before the stop is finished even if its worker starts after it.
     */
    Runnable admit(Runnable exchange) {
        boolean refuse = stopping;
        return () -> {
            REFUSED.set(refuse);
            try {
                exchange.run();
            } finally {
                REFUSED.remove();
            }
        };
    }

    void handle(HttpExchange exchange) throws IOException {
        if (Boolean.TRUE.equals(REFUSED.get())) {
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, error(exchange, new ApiError(503, "the service is stopping; retry")));
            return;
        }
        answer(exchange);
    }

    private void answer(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        int status;
        StatementRecording recording = statements == null ? null : statements.start();
        try {
            status = dispatch(exchange, method, rawPath == null ? "" : rawPath, recording);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + method + " " + rawPath, e);
            status = send(exchange, error(exchange, new ApiError(500, "internal error")));
        } finally {
            exchange.close();
            if (recording != null) {
                recording.close();
            }
        }
        ACCESS.log(
                System.Logger.Level.INFO,
                "{0} {1} {2} {3}ms",
                method,
                rawPath,
                String.valueOf(status),
                String.valueOf((System.nanoTime() - started) / 1_000_000));
    }

    private int dispatch(HttpExchange exchange, String method, String rawPath, @Nullable StatementRecording recording)
            throws IOException {
        if (rawPath.length() > MAX_PATH) {
            return send(exchange, error(exchange, new ApiError(414, "the path is too long")));
        }
        if (rawPath.equals("/openapi.json") || rawPath.equals("/openapi.yaml") || rawPath.startsWith("/docs/")) {
            return sendDocs(exchange, method, rawPath);
        }
        List<String> segments;
        try {
            segments = segments(rawPath);
        } catch (IllegalArgumentException e) {
            return send(exchange, error(exchange, new ApiError(400, e.getMessage())));
        }
        // A literal segment beats a parameter: /api/articles/feed is the feed, not the article "feed".
        int best = -1;
        for (Compiled compiled : routes) {
            if (match(compiled.segments(), segments) != null) {
                best = Math.max(best, literals(compiled.segments()));
            }
        }
        Set<String> allowed = new TreeSet<>();
        for (Compiled compiled : routes) {
            Map<String, String> parameters = match(compiled.segments(), segments);
            if (parameters == null || literals(compiled.segments()) != best) {
                continue;
            }
            if (!compiled.route().method().equals(method)) {
                allowed.add(compiled.route().method());
                continue;
            }
            Answer answer;
            try {
                answer = call(exchange, compiled.route(), parameters);
            } catch (ApiError e) {
                answer = error(exchange, e);
            }
            if (recording != null) {
                exchange.getResponseHeaders().set("X-SQL-Statements", Integer.toString(recording.total()));
            }
            return send(exchange, answer);
        }
        if (!allowed.isEmpty()) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            return send(exchange, error(exchange, new ApiError(405, "method " + method + " is not allowed here")));
        }
        return send(exchange, error(exchange, ApiError.notFound("resource")));
    }

    private Answer call(HttpExchange exchange, Route route, Map<String, String> parameters) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Long userId = null;
        AccessToken token = null;
        if (route.access() == Access.REQUIRED || (route.access() == Access.OPTIONAL && authorization != null)) {
            AuthOutcome outcome = authenticator.authenticate(authorization);
            if (outcome instanceof AuthOutcome.Challenge challenge) {
                challenge.headers().forEach(exchange.getResponseHeaders()::set);
                throw new ApiError(challenge.status(), challengeMessage(challenge));
            }
            token = ((AuthOutcome.Authenticated) outcome).token();
            String subject = token.subject().orElse("");
            try {
                userId = Long.parseLong(subject);
            } catch (NumberFormatException e) {
                throw ApiError.unauthorized();
            }
        }
        // One limit per client: its user when it sent a valid token, else its address.
        Decision decision = limiter.tryAcquire(
                userId != null
                        ? "user:" + userId
                        : "ip:" + exchange.getRemoteAddress().getAddress().getHostAddress());
        decision.headers().forEach(exchange.getResponseHeaders()::set);
        if (!decision.allowed()) {
            throw new ApiError(
                    429,
                    "too many requests; retry after " + decision.retryAfter().toSeconds() + " s");
        }
        byte[] body = body(exchange);
        Reply reply;
        try {
            reply = route.handler()
                    .handle(new Request(
                            parameters,
                            query(exchange.getRequestURI().getRawQuery()),
                            body,
                            userId,
                            token,
                            exchange.getRequestHeaders().getFirst("If-Match")));
        } catch (ApiError e) {
            throw e;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw ApiError.unprocessable("has already been taken");
            }
            if (databaseUnavailable(e)) {
                LOG.log(System.Logger.Level.WARNING, "the database is unavailable: {0}", String.valueOf(e));
                exchange.getResponseHeaders().set("Retry-After", "1");
                throw new ApiError(503, "the database is unavailable; retry shortly");
            }
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (reply.body() == null) {
            return new Answer(reply.status(), "application/json; charset=utf-8", null);
        }
        byte[] bytes = json.write(reply.body());
        if (route.method().equals("GET") && reply.status() == 200) {
            // A strong tag of the bytes sent: a client that has them gets 304, whatever made them.
            EntityTag tag = EntityTag.ofBytes(bytes);
            exchange.getResponseHeaders().set("ETag", tag.toString());
            if (route.access() != Access.PUBLIC) {
                exchange.getResponseHeaders().set("Vary", "Authorization");
            }
            ConditionalOutcome outcome = ConditionalRequest.evaluate(
                    "GET", exchange.getRequestHeaders()::getFirst, Validators.of(tag, null));
            if (outcome == ConditionalOutcome.NOT_MODIFIED) {
                return new Answer(304, "application/json; charset=utf-8", null);
            }
        }
        return new Answer(reply.status(), "application/json; charset=utf-8", bytes);
    }

    /** Reads the body, refusing one too large (413) or of another type than JSON (415). */
    private static byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Content-Length is not a number");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > MAX_BODY) {
                    // Read on (up to a bound) before answering: a client still sending would otherwise see the
                    // connection reset instead of the 413.
                    if (total > MAX_SWALLOW) {
                        exchange.getResponseHeaders().set("Connection", "close");
                        break;
                    }
                    continue;
                }
                out.write(buffer, 0, n);
            }
            if (total > MAX_BODY) {
                throw new ApiError(413, "the body is larger than " + MAX_BODY + " bytes");
            }
        }
        byte[] body = out.toByteArray();
        if (body.length > 0) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mediaType.equals("application/json")) {
                throw new ApiError(415, "the body must be application/json");
            }
        }
        return body;
    }

    /**
     * Whether a failure is the database being out of reach (no connection within the pool's timeout, a refused or
     * broken connection, a server shutting down) rather than a fault of this request: those are 503, not 500.
     */
    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true; // connection exception; admin shutdown, crash shutdown, cannot connect now
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String challengeMessage(AuthOutcome.Challenge challenge) {
        return switch (challenge.status()) {
            case 400 -> "the Authorization header is malformed";
            case 403 -> "the token does not allow this";
            case 503 -> "tokens cannot be checked right now; retry later";
            default -> "missing or invalid token";
        };
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private int sendDocs(HttpExchange exchange, String method, String rawPath) throws IOException {
        String path = rawPath.startsWith("/docs/") ? rawPath.substring("/docs/".length()) : rawPath.substring(1);
        DocsEndpoint.Reply reply =
                docs.handle(method, path, exchange.getRequestHeaders().getFirst("If-None-Match"));
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = method.equals("HEAD") ? new byte[0] : reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return reply.status();
    }

    /** An answer on its way out. */
    private record Answer(int status, String contentType, byte @Nullable [] body) {}

    private Answer error(HttpExchange exchange, ApiError error) {
        // 429 is a Groundwork extension, documented (by api-docs' rateLimited) as problem details for every client.
        if (error.status() == 429 || prefersProblem(exchange.getRequestHeaders().getOrDefault("Accept", List.of()))) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title(error.status()));
            problem.put("status", error.status());
            problem.put("detail", String.join("; ", error.messages()));
            return new Answer(error.status(), "application/problem+json", json.write(problem));
        }
        return new Answer(
                error.status(),
                "application/json; charset=utf-8",
                json.write(new ErrorResponse(new Errors(error.messages()))));
    }

    /**
     * Whether the client's {@code Accept} prefers RFC 9457 problem details to RealWorld's error body: a higher
     * quality, or the same quality named more specifically, or named earlier. So {@code application/problem+json}
     * alone, or before {@code application/json}, or with {@code application/json;q=0.5}, gets a problem; what a
     * generated client sends for an operation listing both ({@code application/json, application/problem+json}),
     * {@code *}{@code /*} and no header at all get RealWorld's body. Malformed ranges are skipped, never an error.
     */
    static boolean prefersProblem(List<String> acceptHeaders) {
        int[] problem = preference(acceptHeaders, "problem+json");
        int[] plain = preference(acceptHeaders, "json");
        if (problem[0] == 0) {
            return false;
        }
        if (problem[0] != plain[0]) {
            return problem[0] > plain[0];
        }
        if (problem[1] != plain[1]) {
            return problem[1] > plain[1];
        }
        return problem[2] < plain[2];
    }

    /**
     * How the Accept headers rate {@code application/<subtype>}: {quality in thousandths, specificity of the range
     * that decided it (3 exact, 2 {@code application/*}, 1 {@code *}{@code /*}, 0 none), its position}.
     */
    private static int[] preference(List<String> acceptHeaders, String subtype) {
        int[] best = {0, 0, Integer.MAX_VALUE};
        int position = 0;
        for (String header : acceptHeaders) {
            for (String range : header.split(",", 64)) {
                position++;
                String[] parts = range.split(";", 16);
                String type = parts[0].strip().toLowerCase(Locale.ROOT);
                int specificity = type.equals("application/" + subtype)
                        ? 3
                        : type.equals("application/*") ? 2 : type.equals("*/*") ? 1 : 0;
                if (specificity == 0 || specificity < best[1]) {
                    continue;
                }
                int quality = 1000;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                    if (parameter.startsWith("q=")) {
                        quality = quality(parameter.substring(2));
                    }
                }
                if (quality >= 0 && specificity > best[1]) {
                    best = new int[] {quality, specificity, position};
                }
            }
        }
        return best;
    }

    /** An RFC 9110 qvalue in thousandths, or -1 when it is not one. */
    private static int quality(String value) {
        if (!value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
            return -1;
        }
        return (int) Math.round(Double.parseDouble(value) * 1000);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }

    private static int send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body();
        if (body != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), body == null || head ? -1 : body.length);
        if (body != null && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return answer.status();
    }

    /** The path's segments, percent-decoded one by one (so {@code %2F} stays inside its segment). */
    static List<String> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with /");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String segment = decode(raw);
            if (segment.equals(".")
                    || segment.equals("..")
                    || segment.indexOf('/') >= 0
                    || segment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the path holds a dot segment, an encoded slash or a NUL");
            }
            segments.add(segment);
        }
        return segments;
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("the path has a truncated percent escape");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("the path has a malformed percent escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return utf8.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("the path is not UTF-8");
        }
    }

    private static int literals(String[] template) {
        int count = 0;
        for (String part : template) {
            if (!part.startsWith("{")) {
                count++;
            }
        }
        return count;
    }

    private static @Nullable Map<String, String> match(String[] template, List<String> segments) {
        if (template.length != segments.size()) {
            return null;
        }
        Map<String, String> parameters = null;
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            String segment = segments.get(i);
            if (part.startsWith("{")) {
                if (segment.isEmpty()) {
                    return null;
                }
                if (parameters == null) {
                    parameters = new LinkedHashMap<>();
                }
                parameters.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        return parameters == null ? Map.of() : parameters;
    }

    private static Map<String, List<String>> query(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "the query string is malformed");
            }
        }
        return query;
    }
}
