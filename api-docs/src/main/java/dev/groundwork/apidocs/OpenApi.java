package dev.groundwork.apidocs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAPI 3.1 document: its info, servers and operations, with the schemas of every type they use. The same
 * input gives the same bytes, whatever the order operations were added in: paths sorted, methods in the
 * specification's order, responses by status, components by name.
 *
 * <pre>{@code
 * OpenApi api = OpenApi.builder("Orders API", "1.4.0")
 *         .server("https://api.example.com")
 *         .operation(getOrder)
 *         .build(SchemaGenerator.of(mapper));
 * byte[] json = api.toJson();
 * byte[] yaml = api.toYaml();
 * }</pre>
 *
 * <p>Immutable and thread-safe once built.
 */
public final class OpenApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Indented with {@code \n} on every platform (Jackson's default indenter uses the system's line separator). */
    private static final ObjectWriter JSON =
            new ObjectMapper().writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private final ObjectNode document;

    private OpenApi(ObjectNode document) {
        this.document = document;
    }

    /**
     * Starts a document.
     *
     * @param title the API's title
     * @param version the API's version (not OpenAPI's)
     * @return a builder
     */
    public static Builder builder(String title, String version) {
        return new Builder(title, version);
    }

    /**
     * The document as JSON, indented, UTF-8.
     *
     * @return the bytes
     */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document as YAML, UTF-8.
     *
     * @return the bytes
     */
    public byte[] toYaml() {
        try {
            return YAML.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document as a JSON tree.
     *
     * @return a copy
     */
    public ObjectNode toTree() {
        return document.deepCopy();
    }

    @Override
    public String toString() {
        return "OpenApi[" + document.path("info").path("title").asText() + "]";
    }

    /** Configures an {@link OpenApi}; {@link #build} checks every operation. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private final String version;
        private @Nullable String description;
        private final List<String> servers = new ArrayList<>();
        private final List<Operation> operations = new ArrayList<>();
        private final Map<String, SecurityScheme> schemes = new TreeMap<>();
        private final List<Operation.Requirement> security = new ArrayList<>();

        private Builder(String title, String version) {
            this.title = Objects.requireNonNull(title, "title");
            this.version = Objects.requireNonNull(version, "version");
        }

        /**
         * A description of the API (CommonMark).
         *
         * @param description the description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * A server the API is served from.
         *
         * @param url its URL (relative URLs are relative to the document)
         * @return this builder
         */
        public Builder server(String url) {
            servers.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        /**
         * A security scheme operations may require, by name.
         *
         * @param name 1–100 characters of {@code [A-Za-z0-9._-]}
         * @param scheme the scheme
         * @return this builder
         */
        public Builder securityScheme(String name, SecurityScheme scheme) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scheme, "scheme");
            if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException(
                        "a security scheme's name must be 1-100 characters of [A-Za-z0-9._-], got \"" + name + "\"");
            }
            if (schemes.putIfAbsent(name, scheme) != null) {
                throw new IllegalArgumentException("security scheme \"" + name + "\" is registered twice");
            }
            return this;
        }

        /**
         * A security requirement for every operation that states none of its own; several calls are alternatives.
         *
         * @param scheme a registered scheme's name
         * @param scopes the scopes needed (OAuth2), none otherwise
         * @return this builder
         */
        public Builder security(String scheme, String... scopes) {
            security.add(new Operation.Requirement(Objects.requireNonNull(scheme, "scheme"), List.of(scopes)));
            return this;
        }

        /**
         * An operation.
         *
         * @param operation the operation
         * @return this builder
         */
        public Builder operation(Operation operation) {
            operations.add(Objects.requireNonNull(operation, "operation"));
            return this;
        }

        /**
         * Builds the document, describing every type through the generator's mapper.
         *
         * @param generator the schema generator
         * @return the document
         * @throws ApiDocsException naming the first malformed or duplicate operation, or a type that cannot be
         *     described
         */
        public OpenApi build(SchemaGenerator generator) {
            Objects.requireNonNull(generator, "generator");
            Map<String, Operation> ids = new HashMap<>();
            Map<String, Map<String, Operation>> paths = new TreeMap<>();
            checkRequirements(security, null);
            for (Operation operation : operations) {
                operation.check();
                checkRequirements(operation.securityRequirements(), operation);
                if (operation.isOptional() && operation.securityRequirements().isEmpty() && security.isEmpty()) {
                    throw new ApiDocsException(
                            ApiDocsException.Reason.INVALID_OPERATION,
                            operation + " makes security optional, but neither it nor the document requires any");
                }
                String id = operation.id();
                if (id != null) {
                    Operation other = ids.putIfAbsent(id, operation);
                    if (other != null) {
                        throw new ApiDocsException(
                                ApiDocsException.Reason.DUPLICATE_OPERATION,
                                "operation id \"" + id + "\" is used by " + other + " and " + operation);
                    }
                }
                Operation same = paths.computeIfAbsent(
                                operation.path(),
                                p -> new TreeMap<>(Comparator.comparingInt(Operation.METHODS::indexOf)))
                        .putIfAbsent(operation.method(), operation);
                if (same != null) {
                    throw new ApiDocsException(
                            ApiDocsException.Reason.DUPLICATE_OPERATION, operation + " is declared twice");
                }
            }
            // Schemas resolved in path order, so the document does not depend on the order operations came in.
            Schemas schemas = generator.schemas();
            ObjectNode document = NODES.objectNode().put("openapi", "3.1.1");
            ObjectNode info = document.putObject("info").put("title", title).put("version", version);
            if (description != null) {
                info.put("description", description);
            }
            if (!servers.isEmpty()) {
                ArrayNode list = document.putArray("servers");
                servers.forEach(url -> list.addObject().put("url", url));
            }
            ObjectNode pathsNode = document.putObject("paths");
            paths.forEach((path, methods) -> {
                ObjectNode item = pathsNode.putObject(path);
                methods.forEach((method, operation) ->
                        item.set(method, operation(operation, schemas, generator.mapper(), security)));
            });
            ObjectNode components = schemas.componentsForDocument();
            if (!components.isEmpty() || !schemes.isEmpty()) {
                ObjectNode node = document.putObject("components");
                if (!components.isEmpty()) {
                    node.set("schemas", components);
                }
                if (!schemes.isEmpty()) {
                    ObjectNode schemesNode = node.putObject("securitySchemes");
                    schemes.forEach((name, scheme) -> schemesNode.set(name, scheme.node()));
                }
            }
            if (!security.isEmpty()) {
                document.set("security", requirements(security));
            }
            return new OpenApi(document);
        }

        /** Checks requirements of an operation, or of the document when {@code operation} is null. */
        private void checkRequirements(List<Operation.Requirement> requirements, @Nullable Operation operation) {
            for (Operation.Requirement requirement : requirements) {
                SecurityScheme scheme = schemes.get(requirement.scheme());
                if (scheme == null) {
                    throw new ApiDocsException(
                            ApiDocsException.Reason.INVALID_OPERATION,
                            (operation == null ? "the document" : operation) + " requires security scheme \""
                                    + requirement.scheme() + "\", which the document does not register; registered: "
                                    + schemes.keySet());
                }
                if (scheme.definesScopes()) {
                    for (String scope : requirement.scopes()) {
                        if (!scheme.scopes().contains(scope)) {
                            throw new ApiDocsException(
                                    ApiDocsException.Reason.INVALID_OPERATION,
                                    (operation == null ? "the document" : operation) + " requires scope \"" + scope
                                            + "\" that scheme \"" + requirement.scheme()
                                            + "\" does not define; it defines " + scheme.scopes());
                        }
                    }
                }
            }
        }

        private static ArrayNode requirements(List<Operation.Requirement> requirements) {
            ArrayNode list = NODES.arrayNode();
            for (Operation.Requirement requirement : requirements) {
                ArrayNode scopes = list.addObject().putArray(requirement.scheme());
                requirement.scopes().forEach(scopes::add);
            }
            return list;
        }

        /** A media type's named examples, each written by the application's mapper. */
        private static void examples(
                ObjectNode media, Map<String, Object> examples, ObjectMapper mapper, Operation operation) {
            if (examples.isEmpty()) {
                return;
            }
            ObjectNode node = media.putObject("examples");
            examples.forEach((name, value) -> {
                try {
                    node.putObject(name).set("value", mapper.valueToTree(value));
                } catch (IllegalArgumentException e) {
                    throw new ApiDocsException(
                            ApiDocsException.Reason.INVALID_OPERATION,
                            operation + ": the mapper cannot write example \"" + name + "\": " + e.getMessage(),
                            e);
                }
            });
        }

        /** RFC 9457 problem details; extension members are allowed. */
        private static ObjectNode problem() {
            ObjectNode problem =
                    NODES.objectNode().put("type", "object").put("description", "RFC 9457 problem details");
            ObjectNode properties = problem.putObject("properties");
            properties
                    .putObject("type")
                    .put("type", "string")
                    .put("format", "uri-reference")
                    .put("default", "about:blank");
            properties.putObject("title").put("type", "string");
            properties
                    .putObject("status")
                    .put("type", "integer")
                    .put("minimum", 100)
                    .put("maximum", 599);
            properties.putObject("detail").put("type", "string");
            properties.putObject("instance").put("type", "string").put("format", "uri-reference");
            return problem;
        }

        private static ObjectNode operation(
                Operation operation, Schemas schemas, ObjectMapper mapper, List<Operation.Requirement> global) {
            ObjectNode node = NODES.objectNode();
            if (!operation.tags().isEmpty()) {
                ArrayNode tags = node.putArray("tags");
                operation.tags().forEach(tags::add);
            }
            if (operation.summary() != null) {
                node.put("summary", operation.summary());
            }
            if (operation.description() != null) {
                node.put("description", operation.description());
            }
            if (operation.id() != null) {
                node.put("operationId", operation.id());
            }
            if (!operation.parameters().isEmpty()) {
                ArrayNode parameters = node.putArray("parameters");
                for (Operation.Parameter parameter : operation.parameters()) {
                    ObjectNode p = parameters
                            .addObject()
                            .put("name", parameter.name())
                            .put("in", parameter.in().name().toLowerCase(java.util.Locale.ROOT));
                    if (parameter.description() != null) {
                        p.put("description", parameter.description());
                    }
                    if (parameter.required()) {
                        p.put("required", true);
                    }
                    ObjectNode given = parameter.schema();
                    p.set("schema", given != null ? given.deepCopy() : schemas.schemaFor(parameter.type()));
                }
            }
            Operation.Body body = operation.body();
            if (body != null) {
                ObjectNode request = node.putObject("requestBody");
                if (body.description() != null) {
                    request.put("description", body.description());
                }
                ObjectNode media = request.putObject("content").putObject(body.mediaType());
                media.set("schema", schemas.schemaFor(body.type()));
                examples(media, operation.requestExamples(), mapper, operation);
                if (body.required()) {
                    request.put("required", true);
                }
            }
            ObjectNode responses = node.putObject("responses");
            for (Operation.Response response : operation.responses().values()) {
                ObjectNode r = responses
                        .putObject(Integer.toString(response.status()))
                        .put("description", response.description());
                if (!response.headers().isEmpty()) {
                    ObjectNode headers = r.putObject("headers");
                    for (Operation.Header header : response.headers()) {
                        ObjectNode h = headers.putObject(header.name());
                        if (header.description() != null) {
                            h.put("description", header.description());
                        }
                        ObjectNode given = header.schema();
                        h.set("schema", given != null ? given.deepCopy() : schemas.schemaFor(header.type()));
                    }
                }
                if (response.body() != null) {
                    ObjectNode media = r.putObject("content").putObject(response.mediaType());
                    media.set("schema", schemas.schemaFor(response.body()));
                    examples(media, operation.responseExamples(response.status()), mapper, operation);
                } else if (Operation.PROBLEM.equals(response.component())) {
                    r.putObject("content")
                            .putObject(response.mediaType())
                            .set("schema", schemas.define(Operation.PROBLEM, problem()));
                }
            }
            if (operation.isDeprecated()) {
                node.put("deprecated", true);
            }
            if (operation.isOpen()) {
                node.putArray("security");
            } else if (operation.isOptional()) {
                ArrayNode alternatives = node.putArray("security");
                alternatives.addObject(); // anonymous
                alternatives.addAll(requirements(
                        operation.securityRequirements().isEmpty() ? global : operation.securityRequirements()));
            } else if (!operation.securityRequirements().isEmpty()) {
                node.set("security", requirements(operation.securityRequirements()));
            }
            return node;
        }
    }
}
