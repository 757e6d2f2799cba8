package dev.groundwork.apidocs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One operation of an API: a method and a path template, its parameters, request body and responses. Start from
 * {@link #get}, {@link #post} and the others, or from {@link #of} with the method and path a router reports; the
 * document checks it when it is built (every template parameter declared and every declared path parameter in the
 * template, operation ids unique, at least one response).
 *
 * <pre>{@code
 * Operation getOrder = Operation.get("/orders/{id}")
 *         .id("getOrder")
 *         .tag("orders")
 *         .summary("One order")
 *         .pathParameter("id", UUID.class, "The order's id")
 *         .queryParameter("expand", String.class, "Related objects to include")
 *         .response(200, "The order", Order.class)
 *         .response(404, "No such order");
 * }</pre>
 *
 * <p>Not thread-safe while being configured; a document copies what it needs when it is built.
 */
public final class Operation {

    /** The methods OpenAPI 3.1 knows, in the order a path item lists them. */
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^{}/]*)}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9._~-]+");

    /** Where a parameter goes. */
    enum In {
        PATH,
        QUERY,
        HEADER,
        COOKIE
    }

    /** A declared parameter; {@code schema} overrides the one of {@code type}. */
    record Parameter(
            String name,
            In in,
            Type type,
            @Nullable String description,
            boolean required,
            @Nullable ObjectNode schema) {}

    /** A declared response header; {@code schema} overrides the one of {@code type}. */
    record Header(
            String name,
            Type type,
            @Nullable String description,
            @Nullable ObjectNode schema) {}

    /** A declared response: a body of a Java type, or of a component this module defines ({@code component}). */
    record Response(
            int status,
            String description,
            @Nullable Type body,
            @Nullable String component,
            String mediaType,
            List<Header> headers) {}

    /** The RFC 9457 problem details component, defined by the document when an operation uses it. */
    static final String PROBLEM = "Problem";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A declared request body. */
    record Body(
            Type type,
            String mediaType,
            boolean required,
            @Nullable String description) {}

    private final String method;
    private final String path;
    private @Nullable String id;
    private @Nullable String summary;
    private @Nullable String description;
    private final Set<String> tags = new LinkedHashSet<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private @Nullable Body body;
    private final Map<Integer, Response> responses = new TreeMap<>();
    private boolean deprecated;
    private final Map<String, Object> requestExamples = new TreeMap<>();
    private final Map<Integer, Map<String, Object>> responseExamples = new TreeMap<>();
    private final List<Requirement> security = new ArrayList<>();
    private boolean open;
    private boolean optional;

    private Operation(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /**
     * An operation for a method and a path template, as a router reports them.
     *
     * @param method an HTTP method OpenAPI knows ({@code GET}, {@code post}, ...), in any case
     * @param path the path template, starting with {@code /}, parameters in braces: {@code /orders/{id}}
     * @return the operation
     * @throws ApiDocsException for another method or a malformed path
     */
    public static Operation of(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String lower = method.toLowerCase(Locale.ROOT);
        if (!METHODS.contains(lower)) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    "\"" + method + "\" is not a method OpenAPI can describe; one of " + METHODS);
        }
        checkPath(path);
        return new Operation(lower, path);
    }

    /**
     * A {@code GET} operation.
     *
     * @param path the path template
     * @return the operation
     */
    public static Operation get(String path) {
        return of("get", path);
    }

    /**
     * A {@code POST} operation.
     *
     * @param path the path template
     * @return the operation
     */
    public static Operation post(String path) {
        return of("post", path);
    }

    /**
     * A {@code PUT} operation.
     *
     * @param path the path template
     * @return the operation
     */
    public static Operation put(String path) {
        return of("put", path);
    }

    /**
     * A {@code PATCH} operation.
     *
     * @param path the path template
     * @return the operation
     */
    public static Operation patch(String path) {
        return of("patch", path);
    }

    /**
     * A {@code DELETE} operation.
     *
     * @param path the path template
     * @return the operation
     */
    public static Operation delete(String path) {
        return of("delete", path);
    }

    /**
     * The operation's id, unique in its document (client generators name methods after it).
     *
     * @param id 1–200 characters, no whitespace
     * @return this operation
     */
    public Operation id(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > 200 || id.chars().anyMatch(Character::isWhitespace)) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": operation id \"" + id + "\" must be 1-200 characters without whitespace");
        }
        this.id = id;
        return this;
    }

    /**
     * A one-line summary.
     *
     * @param summary the summary
     * @return this operation
     */
    public Operation summary(String summary) {
        this.summary = Objects.requireNonNull(summary, "summary");
        return this;
    }

    /**
     * A longer description (CommonMark).
     *
     * @param description the description
     * @return this operation
     */
    public Operation description(String description) {
        this.description = Objects.requireNonNull(description, "description");
        return this;
    }

    /**
     * A tag that groups operations in the docs page.
     *
     * @param tag the tag
     * @return this operation
     */
    public Operation tag(String tag) {
        tags.add(Objects.requireNonNull(tag, "tag"));
        return this;
    }

    /**
     * A parameter of the path template; always required.
     *
     * @param name the name inside the template's braces
     * @param type its Java type
     * @param description what it is
     * @return this operation
     */
    public Operation pathParameter(String name, Type type, String description) {
        return parameter(name, In.PATH, type, description, true);
    }

    /**
     * An optional query parameter.
     *
     * @param name the name
     * @param type its Java type (a collection for a repeated parameter)
     * @param description what it is
     * @return this operation
     */
    public Operation queryParameter(String name, Type type, String description) {
        return parameter(name, In.QUERY, type, description, false);
    }

    /**
     * A query parameter the caller must send.
     *
     * @param name the name
     * @param type its Java type
     * @param description what it is
     * @return this operation
     */
    public Operation requiredQueryParameter(String name, Type type, String description) {
        return parameter(name, In.QUERY, type, description, true);
    }

    /**
     * An optional request header.
     *
     * @param name the header's name
     * @param type its Java type
     * @param description what it is
     * @return this operation
     */
    public Operation headerParameter(String name, Type type, String description) {
        return parameter(name, In.HEADER, type, description, false);
    }

    /**
     * An optional cookie.
     *
     * @param name the cookie's name
     * @param type its Java type
     * @param description what it is
     * @return this operation
     */
    public Operation cookieParameter(String name, Type type, String description) {
        return parameter(name, In.COOKIE, type, description, false);
    }

    private Operation parameter(String name, In in, Type type, String description, boolean required) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!PARAMETER_NAME.matcher(name).matches()) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": parameter name \"" + name + "\" must be 1 or more of [A-Za-z0-9._~-]");
        }
        for (Parameter existing : parameters) {
            if (existing.in() == in && existing.name().equalsIgnoreCase(name)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        operation() + ": " + in.name().toLowerCase(Locale.ROOT) + " parameter \"" + name
                                + "\" is declared twice");
            }
        }
        parameters.add(new Parameter(name, in, type, description, required, null));
        return this;
    }

    /**
     * A required JSON request body.
     *
     * @param type its Java type
     * @return this operation
     */
    public Operation requestBody(Type type) {
        this.body = new Body(Objects.requireNonNull(type, "type"), "application/json", true, null);
        return this;
    }

    /**
     * A named example of the request body, written by the document's mapper as the application would write it.
     * Examples appear in the body's {@code examples}, by name.
     *
     * @param name the example's name, unique within the body
     * @param value an instance of the body's type
     * @return this operation
     */
    public Operation requestExample(String name, Object value) {
        example(requestExamples, name, value, "request body");
        return this;
    }

    /**
     * A named example of a response's body, written by the document's mapper as the application would write it.
     *
     * @param status the status of a response with a body, declared before or after
     * @param name the example's name, unique within the response
     * @param value an instance of the response body's type
     * @return this operation
     */
    public Operation responseExample(int status, String name, Object value) {
        example(responseExamples.computeIfAbsent(status, s -> new TreeMap<>()), name, value, "response " + status);
        return this;
    }

    private void example(Map<String, Object> examples, String name, Object value, String where) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": an example of the " + where + " needs a name");
        }
        if (examples.putIfAbsent(name, value) != null) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": example \"" + name + "\" of the " + where + " is declared twice");
        }
    }

    /**
     * A response without a body.
     *
     * @param status the HTTP status, 100–599
     * @param description what it means
     * @return this operation
     */
    public Operation response(int status, String description) {
        return response(status, description, null, List.of());
    }

    /**
     * A response with a JSON body.
     *
     * @param status the HTTP status, 100–599
     * @param description what it means
     * @param body the body's Java type (a {@link TypeRef}'s {@code type()} for generics)
     * @return this operation
     */
    public Operation response(int status, String description, Type body) {
        return response(status, description, Objects.requireNonNull(body, "body"), List.of());
    }

    /**
     * A response with a JSON body and a header, such as {@code Location} on a 201.
     *
     * @param status the HTTP status, 100–599
     * @param description what it means
     * @param body the body's Java type, or null for none
     * @param header the header's name
     * @param headerType the header's Java type
     * @param headerDescription what the header holds
     * @return this operation
     */
    public Operation response(
            int status,
            String description,
            @Nullable Type body,
            String header,
            Type headerType,
            String headerDescription) {
        return response(
                status,
                description,
                body,
                List.of(new Header(
                        Objects.requireNonNull(header, "header"),
                        Objects.requireNonNull(headerType, "headerType"),
                        Objects.requireNonNull(headerDescription, "headerDescription"),
                        null)));
    }

    private Operation response(int status, String description, @Nullable Type body, List<Header> headers) {
        return response(status, description, body, null, "application/json", headers);
    }

    private Operation response(
            int status,
            String description,
            @Nullable Type body,
            @Nullable String component,
            String mediaType,
            List<Header> headers) {
        Objects.requireNonNull(description, "description");
        if (status < 100 || status > 599) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": status " + status + " is not an HTTP status (100-599)");
        }
        if (responses.containsKey(status)) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": response " + status + " is declared twice");
        }
        responses.put(status, new Response(status, description, body, component, mediaType, List.copyOf(headers)));
        return this;
    }

    /**
     * An error response with an RFC 9457 problem details body ({@code application/problem+json}); the document
     * defines the {@code Problem} component, whose {@code type} and {@code instance} are URI references.
     *
     * @param status the HTTP status, 400–599
     * @param description what it means
     * @return this operation
     */
    public Operation problem(int status, String description) {
        if (status < 400 || status > 599) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": a problem response is an error, 400-599, not " + status);
        }
        return response(status, description, null, PROBLEM, "application/problem+json", List.of());
    }

    /**
     * The 429 a rate limiter answers: {@code RateLimit-Policy} and {@code RateLimit} (IETF httpapi rate-limit
     * headers, structured fields), {@code Retry-After} in seconds, and a problem details body.
     *
     * @return this operation
     */
    public Operation rateLimited() {
        return response(
                429,
                "Too many requests: retry after the time given",
                null,
                PROBLEM,
                "application/problem+json",
                List.of(
                        new Header(
                                "RateLimit-Policy",
                                String.class,
                                "The quota policies that apply, e.g. \"burst\";q=40;w=1",
                                null),
                        new Header("RateLimit", String.class, "What is left, e.g. \"burst\";r=0;t=1", null),
                        new Header(
                                "Retry-After",
                                Integer.class,
                                "Seconds until a request may succeed",
                                NODES.objectNode().put("type", "integer").put("minimum", 0))));
    }

    /**
     * Cursor pagination parameters: {@code cursor} (opaque, from the previous page) and {@code limit} (1 to
     * {@code maxLimit}).
     *
     * @param maxLimit the largest page size, at least 1
     * @return this operation
     */
    public Operation cursorPagination(int maxLimit) {
        checkMaxLimit(maxLimit);
        parameter(
                "cursor",
                In.QUERY,
                String.class,
                "Where the previous page ended (opaque; from its next cursor)",
                false);
        return limit(maxLimit);
    }

    /**
     * Offset pagination parameters: {@code limit} (1 to {@code maxLimit}) and {@code offset} (0 or more).
     *
     * @param maxLimit the largest page size, at least 1
     * @return this operation
     */
    public Operation offsetPagination(int maxLimit) {
        checkMaxLimit(maxLimit);
        limit(maxLimit);
        parameters.add(new Parameter(
                "offset",
                In.QUERY,
                Integer.class,
                "How many items to skip",
                false,
                NODES.objectNode()
                        .put("type", "integer")
                        .put("format", "int32")
                        .put("minimum", 0)
                        .put("default", 0)));
        return this;
    }

    private Operation limit(int maxLimit) {
        parameters.add(new Parameter(
                "limit",
                In.QUERY,
                Integer.class,
                "At most this many items",
                false,
                NODES.objectNode()
                        .put("type", "integer")
                        .put("format", "int32")
                        .put("minimum", 1)
                        .put("maximum", maxLimit)));
        return this;
    }

    private void checkMaxLimit(int maxLimit) {
        if (maxLimit < 1) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION, operation() + ": maxLimit must be at least 1");
        }
        for (Parameter parameter : parameters) {
            if (parameter.in() == In.QUERY
                    && (parameter.name().equals("limit")
                            || parameter.name().equals("offset")
                            || parameter.name().equals("cursor"))) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        operation() + ": query parameter \"" + parameter.name() + "\" is declared twice");
            }
        }
    }

    /**
     * A security requirement: the caller needs this scheme (registered on the document) with these scopes. Several
     * calls are alternatives (any one suffices).
     *
     * @param scheme the scheme's name in the document
     * @param scopes the scopes needed (OAuth2), none otherwise
     * @return this operation
     */
    public Operation security(String scheme, String... scopes) {
        Objects.requireNonNull(scheme, "scheme");
        security.add(new Requirement(scheme, List.of(scopes)));
        this.open = false;
        return this;
    }

    /**
     * No authentication for this operation, whatever the document requires elsewhere.
     *
     * @return this operation
     */
    public Operation noSecurity() {
        security.clear();
        this.open = true;
        this.optional = false;
        return this;
    }

    /**
     * Authentication is optional: anonymous callers are served, and a caller who authenticates (by this operation's
     * requirements, or else the document's) is recognised, as on a public page that shows more to its readers. In
     * the document: an empty requirement beside the others ({@code security: [{}, {bearer: []}]}).
     *
     * @return this operation
     */
    public Operation optionalSecurity() {
        this.open = false;
        this.optional = true;
        return this;
    }

    /** Whether {@link #optionalSecurity()} was called. */
    boolean isOptional() {
        return optional;
    }

    /** One alternative of a security requirement. */
    record Requirement(String scheme, List<String> scopes) {}

    List<Requirement> securityRequirements() {
        return Collections.unmodifiableList(security);
    }

    /** Whether {@link #noSecurity()} was called. */
    boolean isOpen() {
        return open;
    }

    /**
     * Marks the operation deprecated.
     *
     * @return this operation
     */
    public Operation deprecated() {
        this.deprecated = true;
        return this;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    @Nullable
    String id() {
        return id;
    }

    @Nullable
    String summary() {
        return summary;
    }

    @Nullable
    String description() {
        return description;
    }

    Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }

    List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    @Nullable
    Body body() {
        return body;
    }

    Map<Integer, Response> responses() {
        return Collections.unmodifiableMap(responses);
    }

    boolean isDeprecated() {
        return deprecated;
    }

    Map<String, Object> requestExamples() {
        return Collections.unmodifiableMap(requestExamples);
    }

    Map<String, Object> responseExamples(int status) {
        return Collections.unmodifiableMap(responseExamples.getOrDefault(status, Map.of()));
    }

    /** Checks the template against the declared path parameters, and that there is a response. */
    void check() {
        Set<String> inTemplate = templateParameters(path);
        Set<String> declared = new LinkedHashSet<>();
        for (Parameter parameter : parameters) {
            if (parameter.in() == In.PATH) {
                declared.add(parameter.name());
            }
        }
        for (String name : inTemplate) {
            if (!declared.contains(name)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        operation() + ": the path has {" + name + "} but no pathParameter(\"" + name + "\", ...)");
            }
        }
        for (String name : declared) {
            if (!inTemplate.contains(name)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        operation() + ": pathParameter \"" + name + "\" is not in the path");
            }
        }
        if (responses.isEmpty()) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION, operation() + ": declares no response");
        }
        if (body != null) {
            checkExamples(requestExamples, body.type(), "the request body");
        } else if (!requestExamples.isEmpty()) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    operation() + ": has request examples " + requestExamples.keySet() + " but no request body");
        }
        responseExamples.forEach((status, examples) -> {
            Response response = responses.get(status);
            if (response == null || response.body() == null) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        operation() + ": has examples " + examples.keySet() + " for response " + status + ", which "
                                + (response == null ? "it does not declare" : "has no Java body type"));
            }
            checkExamples(examples, response.body(), "response " + status);
        });
    }

    /** Each example must be an instance of the body's (raw) type, or the document would show a different shape. */
    private void checkExamples(Map<String, Object> examples, Type type, String where) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return;
        }
        examples.forEach((name, value) -> {
            if (!wrapper(raw).isInstance(value)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        operation() + ": example \"" + name + "\" of " + where + " is a "
                                + value.getClass().getName() + ", not a " + type.getTypeName());
            }
        });
    }

    private static @Nullable Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.GenericArrayType) {
            return Object.class; // any value: array examples are checked by the validator, not here
        }
        return null;
    }

    private static Class<?> wrapper(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    private static Set<String> templateParameters(String path) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = TEMPLATE.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static void checkPath(String path) {
        if (!path.startsWith("/")) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION, "path \"" + path + "\" must start with /");
        }
        if (path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION,
                    "path \"" + path + "\" must not hold whitespace, control characters, ? or #");
        }
        Set<String> seen = new LinkedHashSet<>();
        Matcher matcher = TEMPLATE.matcher(path);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!PARAMETER_NAME.matcher(name).matches()) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        "path \"" + path + "\": template parameter {" + name
                                + "} must be 1 or more of [A-Za-z0-9._~-]");
            }
            if (!seen.add(name)) {
                throw new ApiDocsException(
                        ApiDocsException.Reason.INVALID_OPERATION,
                        "path \"" + path + "\": template parameter {" + name + "} appears twice");
            }
        }
        String outside = TEMPLATE.matcher(path).replaceAll("");
        if (outside.indexOf('{') >= 0 || outside.indexOf('}') >= 0) {
            throw new ApiDocsException(
                    ApiDocsException.Reason.INVALID_OPERATION, "path \"" + path + "\" has an unbalanced brace");
        }
    }

    private String operation() {
        return method.toUpperCase(Locale.ROOT) + " " + path + (id == null ? "" : " (" + id + ")");
    }

    @Override
    public String toString() {
        return "Operation[" + operation() + "]";
    }
}
