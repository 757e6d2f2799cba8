package dev.groundwork.apidocs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How callers authenticate, as an OpenAPI security scheme: a bearer JWT (what auth-core verifies), an API key in a
 * header, query parameter or cookie, or OAuth2 flows. Register it on the document by name, then require it on the
 * document or per operation.
 *
 * <p>Immutable.
 */
public final class SecurityScheme {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode node;
    private final Set<String> scopes;

    private SecurityScheme(ObjectNode node, Set<String> scopes) {
        this.node = node;
        this.scopes = scopes;
    }

    /**
     * {@code Authorization: Bearer <JWT>} (RFC 6750).
     *
     * @return the scheme
     */
    public static SecurityScheme bearerJwt() {
        return new SecurityScheme(
                NODES.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"), Set.of());
    }

    /**
     * An API key in a request header, such as {@code X-API-Key}.
     *
     * @param header the header's name
     * @return the scheme
     */
    public static SecurityScheme apiKeyHeader(String header) {
        return apiKey(header, "header");
    }

    /**
     * An API key in a query parameter.
     *
     * @param parameter the parameter's name
     * @return the scheme
     */
    public static SecurityScheme apiKeyQuery(String parameter) {
        return apiKey(parameter, "query");
    }

    /**
     * An API key in a cookie.
     *
     * @param cookie the cookie's name
     * @return the scheme
     */
    public static SecurityScheme apiKeyCookie(String cookie) {
        return apiKey(cookie, "cookie");
    }

    private static SecurityScheme apiKey(String name, String in) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an API key needs the name of its " + in);
        }
        return new SecurityScheme(
                NODES.objectNode().put("type", "apiKey").put("name", name).put("in", in), Set.of());
    }

    /**
     * OAuth2 client credentials (machine clients).
     *
     * @param tokenUrl the token endpoint
     * @param scopes every scope, with what it allows
     * @return the scheme
     */
    public static SecurityScheme oauth2ClientCredentials(String tokenUrl, Map<String, String> scopes) {
        ObjectNode flow = NODES.objectNode().put("tokenUrl", Objects.requireNonNull(tokenUrl, "tokenUrl"));
        return oauth2("clientCredentials", flow, scopes);
    }

    /**
     * OAuth2 authorization code (users signing in through a browser).
     *
     * @param authorizationUrl the authorization endpoint
     * @param tokenUrl the token endpoint
     * @param scopes every scope, with what it allows
     * @return the scheme
     */
    public static SecurityScheme oauth2AuthorizationCode(
            String authorizationUrl, String tokenUrl, Map<String, String> scopes) {
        ObjectNode flow = NODES.objectNode()
                .put("authorizationUrl", Objects.requireNonNull(authorizationUrl, "authorizationUrl"))
                .put("tokenUrl", Objects.requireNonNull(tokenUrl, "tokenUrl"));
        return oauth2("authorizationCode", flow, scopes);
    }

    private static SecurityScheme oauth2(String flowName, ObjectNode flow, Map<String, String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        Map<String, String> sorted = new TreeMap<>(scopes);
        ObjectNode scopeNode = flow.putObject("scopes");
        sorted.forEach(scopeNode::put);
        ObjectNode node = NODES.objectNode().put("type", "oauth2");
        node.putObject("flows").set(flowName, flow);
        return new SecurityScheme(node, Set.copyOf(sorted.keySet()));
    }

    ObjectNode node() {
        return node.deepCopy();
    }

    /** Whether requirements of this scheme name scopes it defines (only OAuth2 schemes define scopes). */
    boolean definesScopes() {
        return node.path("type").asText().equals("oauth2");
    }

    Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "SecurityScheme" + node;
    }
}
