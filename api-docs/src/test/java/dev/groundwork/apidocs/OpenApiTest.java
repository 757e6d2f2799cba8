package dev.groundwork.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Documents checked by swagger-parser (no message allowed), byte for byte against a golden file, and in two orders
 * of registration; malformed operations refused with errors that name them.
 */
// The models here are unannotated on purpose (nulls are part of what is tested), in a package the module marks.
@org.jspecify.annotations.NullUnmarked
class OpenApiTest {

    enum Status {
        OPEN,
        SHIPPED
    }

    record Order(UUID id, String item, int quantity, Status status, Instant placed, Optional<String> note) {}

    record CreateOrder(String item, int quantity) {}

    record Page<T>(
            List<T> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final Path GOLDEN = Path.of("src/test/resources/golden/orders.json");

    private static List<Supplier<Operation>> operations() {
        return List.of(
                () -> Operation.get("/orders")
                        .id("listOrders")
                        .tag("orders")
                        .summary("Orders, newest first")
                        .cursorPagination(100)
                        .response(200, "A page of orders", CursorPageBody.of(Order.class))
                        .responseExample(200, "last page", new CursorPageBody<>(List.of(order()), null, "b3JkZXI6Mg"))
                        .problem(400, "A malformed cursor")
                        .rateLimited(),
                () -> Operation.get("/orders/{id}")
                        .id("getOrder")
                        .tag("orders")
                        .pathParameter("id", UUID.class, "The order's id")
                        .headerParameter("If-None-Match", String.class, "Entity tags the client holds")
                        .response(200, "The order", Order.class)
                        .response(304, "Not modified")
                        .problem(404, "No such order")
                        .security("oauth", "orders:read")
                        .security("apiKey"),
                () -> Operation.post("/orders")
                        .id("createOrder")
                        .tag("orders")
                        .requestBody(CreateOrder.class)
                        .requestExample("one book", new CreateOrder("book", 1))
                        .response(201, "Created", Order.class, "Location", URI.class, "The new order's URL")
                        .responseExample(201, "created", order())
                        .problem(422, "Not a valid order"),
                () -> Operation.delete("/orders/{id}")
                        .id("cancelOrder")
                        .tag("orders")
                        .pathParameter("id", UUID.class, "The order's id")
                        .cookieParameter("session", String.class, "The session")
                        .response(204, "Cancelled"),
                () -> Operation.of("PUT", "/orders/{id}/status")
                        .id("setStatus")
                        .deprecated()
                        .pathParameter("id", UUID.class, "The order's id")
                        .requestBody(Status.class)
                        .response(204, "Updated"),
                () -> Operation.get("/archive")
                        .id("listArchive")
                        .optionalSecurity()
                        .offsetPagination(50)
                        .response(200, "Archived orders", OffsetPageBody.of(Order.class))
                        .responseExample(200, "uncounted", new OffsetPageBody<>(List.of(order()), 50, 50, null)),
                () -> Operation.get("/orders/recent")
                        .id("recentOrders")
                        .response(200, "The latest orders", new TypeRef<Page<Order>>() {}.type()),
                () -> Operation.get("/health").id("health").noSecurity().response(200, "Up"));
    }

    private static Order order() {
        return new Order(
                UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                "book",
                1,
                Status.OPEN,
                Instant.parse("2026-11-28T10:15:30Z"),
                Optional.empty());
    }

    private static OpenApi build(List<Supplier<Operation>> operations) {
        OpenApi.Builder builder = OpenApi.builder("Orders API", "1.4.0")
                .description("Orders, as a RealWorld-sized example.")
                .server("https://api.example.com")
                .securityScheme("bearer", SecurityScheme.bearerJwt())
                .securityScheme("apiKey", SecurityScheme.apiKeyHeader("X-API-Key"))
                .securityScheme(
                        "oauth",
                        SecurityScheme.oauth2ClientCredentials(
                                "https://auth.example.com/token",
                                java.util.Map.of("orders:read", "Read orders", "orders:write", "Change orders")))
                .security("bearer");
        operations.forEach(operation -> builder.operation(operation.get()));
        return builder.build(SchemaGenerator.of(MAPPER));
    }

    @Test
    void theDocumentParsesWithoutAMessageAsJsonAndAsYaml() {
        OpenApi api = build(operations());
        for (byte[] bytes : List.of(api.toJson(), api.toYaml())) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result =
                    new OpenAPIV3Parser().readContents(new String(bytes, StandardCharsets.UTF_8), null, options);
            assertThat(result.getMessages())
                    .as(new String(bytes, StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.1");
            assertThat(result.getOpenAPI().getPaths())
                    .containsOnlyKeys(
                            "/archive", "/health", "/orders", "/orders/recent", "/orders/{id}", "/orders/{id}/status");
            assertThat(result.getOpenAPI().getComponents().getSchemas())
                    .containsOnlyKeys(
                            "CreateOrder",
                            "CursorPageBodyOfOrder",
                            "OffsetPageBodyOfOrder",
                            "Order",
                            "PageOfOrder",
                            "Problem",
                            "Status");
            assertThat(result.getOpenAPI().getComponents().getSecuritySchemes())
                    .containsOnlyKeys("apiKey", "bearer", "oauth");
            assertThat(result.getOpenAPI().getPaths().get("/health").getGet().getSecurity())
                    .isEmpty();
            assertThat(result.getOpenAPI().getPaths().get("/archive").getGet().getSecurity())
                    .as("optional: anonymous, or the document's bearer")
                    .hasSize(2)
                    .first()
                    .satisfies(anonymous -> assertThat(anonymous).isEmpty());
            assertThat(result.getOpenAPI()
                            .getPaths()
                            .get("/orders/{id}")
                            .getGet()
                            .getResponses()
                            .keySet())
                    .containsExactly("200", "304", "404");
            io.swagger.v3.oas.models.responses.ApiResponse tooMany = result.getOpenAPI()
                    .getPaths()
                    .get("/orders")
                    .getGet()
                    .getResponses()
                    .get("429");
            assertThat(tooMany.getHeaders()).containsOnlyKeys("RateLimit-Policy", "RateLimit", "Retry-After");
            assertThat(tooMany.getContent()).containsOnlyKeys("application/problem+json");
        }
        String json = new String(api.toJson(), StandardCharsets.UTF_8);
        assertThat(json)
                .as("RFC 9457: type and instance are URI references, often relative")
                .contains(
                        "\"instance\" : {\n            \"type\" : \"string\",\n            \"format\" : \"uri-reference\"");
    }

    @Test
    void securityRequirementsMustNameRegisteredSchemesAndScopes() {
        OpenApi.Builder builder = OpenApi.builder("t", "1")
                .securityScheme(
                        "oauth",
                        SecurityScheme.oauth2ClientCredentials("https://a/token", java.util.Map.of("read", "r")));
        builder.operation(Operation.get("/a").security("nope").response(200, "ok"));
        assertThatThrownBy(() -> builder.build(SchemaGenerator.of(MAPPER)))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("\"nope\"")
                .hasMessageContaining("GET /a");
        OpenApi.Builder scoped = OpenApi.builder("t", "1")
                .securityScheme(
                        "oauth",
                        SecurityScheme.oauth2ClientCredentials("https://a/token", java.util.Map.of("read", "r")))
                .security("oauth", "write");
        assertThatThrownBy(() -> scoped.build(SchemaGenerator.of(MAPPER)))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("\"write\"");
        assertThatThrownBy(() -> OpenApi.builder("t", "1")
                        .securityScheme("x", SecurityScheme.bearerJwt())
                        .securityScheme("x", SecurityScheme.bearerJwt()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityScheme.apiKeyHeader(" ")).isInstanceOf(IllegalArgumentException.class);
        assertRefused(() -> Operation.get("/a").problem(200, "not an error"), "400-599");
        assertRefused(
                () -> Operation.get("/a")
                        .queryParameter("limit", Integer.class, "")
                        .cursorPagination(10),
                "limit");
        assertRefused(() -> Operation.get("/a").offsetPagination(0), "maxLimit");
    }

    @Test
    void theDocumentValidatesAgainstTheOfficialOpenApi31Schema() throws IOException {
        // The OpenAPI Initiative's 3.1 JSON Schema, fetched by the build (see pom.xml), the second checker.
        JsonNode official =
                MAPPER.readTree(Files.readAllBytes(Path.of("target/openapi-schemas/package/schemas/v3.1/schema.json")));
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(official);
        OpenApi api = build(operations());
        JsonNode json = MAPPER.readTree(api.toJson());
        JsonNode yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(api.toYaml());
        assertThat(yaml).isEqualTo(json);
        assertThat(schema.validate(json)).isEmpty();

        // Negative controls: the checker does catch broken documents.
        ObjectNode noInfo = json.deepCopy();
        noInfo.remove("info");
        assertThat(schema.validate(noInfo)).isNotEmpty();
        ObjectNode wrongVersion = json.deepCopy();
        wrongVersion.put("openapi", "3.0.3");
        assertThat(schema.validate(wrongVersion)).isNotEmpty();
        ObjectNode badParameter = json.deepCopy();
        ((ObjectNode) badParameter.at("/paths/~1orders/get/parameters/0")).put("in", "body");
        assertThat(schema.validate(badParameter)).isNotEmpty();
    }

    @Test
    void everyExampleIsWhatTheMapperWritesAndValidatesAgainstItsSchema() throws IOException {
        JsonNode document = MAPPER.readTree(build(operations()).toJson());
        ObjectNode components = (ObjectNode) document.at("/components/schemas");
        List<String> checked = new ArrayList<>();
        document.at("/paths")
                .forEach(item -> item.forEach(operation -> operation
                        .findParents("examples")
                        .forEach(media -> media.get("examples").properties().forEach(example -> {
                            ObjectNode schema = (ObjectNode) media.get("schema");
                            JsonNode value = example.getValue().get("value");
                            assertThat(SchemaGeneratorTest.validate(components, schema, value, true))
                                    .as("example %s", example.getKey())
                                    .isEmpty();
                            ObjectNode broken = value.deepCopy();
                            broken.put("unexpected", true);
                            assertThat(SchemaGeneratorTest.validate(components, schema, broken, true))
                                    .isNotEmpty();
                            checked.add(example.getKey());
                        }))));
        assertThat(checked).containsExactlyInAnyOrder("last page", "one book", "created", "uncounted");
        assertThat(document.at("/paths/~1orders/post/responses/201/content/application~1json/examples/created/value"))
                .as("written by the application's mapper: ISO instants, Optional.empty() as null")
                .isEqualTo(MAPPER.valueToTree(order()));
        JsonNode cursorPage = document.at("/components/schemas/CursorPageBodyOfOrder");
        assertThat(cursorPage.at("/properties/items/type").asText())
                .as("null-marked: the items are never null")
                .isEqualTo("array");
        assertThat(cursorPage.at("/properties/nextCursor/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(document.at("/components/schemas/OffsetPageBodyOfOrder/properties/total/type")
                        .toString())
                .isEqualTo("[\"integer\",\"null\"]");
        assertThatThrownBy(() -> new OffsetPageBody<>(List.of(), -1, 10, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetPageBody<>(List.of(), 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CursorPageBody<>(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThat(CursorPageBody.of(Order.class)).isEqualTo(new TypeRef<CursorPageBody<Order>>() {}.type());
        assertThat(CursorPageBody.of(Order.class).hashCode())
                .isEqualTo(new TypeRef<CursorPageBody<Order>>() {}.type().hashCode());
    }

    @Test
    void theSameApiInAnyOrderIsTheSameBytesAndMatchesTheGoldenFile() throws IOException {
        List<Supplier<Operation>> reversed = new ArrayList<>(operations());
        Collections.reverse(reversed);
        OpenApi forward = build(operations());
        OpenApi backward = build(reversed);
        assertThat(backward.toJson()).isEqualTo(forward.toJson());
        assertThat(backward.toYaml()).isEqualTo(forward.toYaml());
        if (Boolean.getBoolean("groundwork.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, forward.toJson());
        }
        assertThat(new String(forward.toJson(), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void malformedOperationsAreRefusedByName() {
        assertRefused(() -> Operation.of("CONNECT", "/x"), "CONNECT");
        assertRefused(() -> Operation.get("orders"), "must start with /");
        assertRefused(() -> Operation.get("/orders/{id"), "unbalanced");
        assertRefused(() -> Operation.get("/orders/id}"), "unbalanced");
        assertRefused(() -> Operation.get("/a/{x}/b/{x}"), "appears twice");
        assertRefused(() -> Operation.get("/a/{}"), "template parameter {}");
        assertRefused(() -> Operation.get("/a b"), "whitespace");
        assertRefused(() -> Operation.get("/a?b=1"), "?");
        assertRefused(() -> Operation.get("/a").id("has space"), "operation id");
        assertRefused(() -> Operation.get("/a").response(600, "no"), "600");
        assertRefused(() -> Operation.get("/a").response(200, "a").response(200, "b"), "twice");
        assertRefused(
                () -> Operation.get("/a").queryParameter("q", String.class, "").queryParameter("Q", String.class, ""),
                "declared twice");
        assertRefused(() -> Operation.get("/a").queryParameter("a b", String.class, ""), "parameter name");

        assertRefused(() -> api(Operation.get("/orders/{id}").response(200, "ok")), "{id}");
        assertRefused(
                () -> api(Operation.get("/orders")
                        .pathParameter("id", UUID.class, "")
                        .response(200, "ok")),
                "not in the path");
        assertRefused(() -> api(Operation.get("/orders")), "no response");
        assertThatThrownBy(() -> api(
                        Operation.get("/a").id("same").response(200, "ok"),
                        Operation.get("/b").id("same").response(200, "ok")))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("\"same\"")
                .satisfies(e -> assertThat(((ApiDocsException) e).reason())
                        .isEqualTo(ApiDocsException.Reason.DUPLICATE_OPERATION));
        assertThatThrownBy(() -> api(
                        Operation.get("/a").response(200, "ok"),
                        Operation.get("/a").response(200, "ok")))
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining("GET /a");
        assertThatThrownBy(() -> OpenApi.builder(null, "1")).isInstanceOf(NullPointerException.class);
        assertRefused(
                () -> api(Operation.get("/maybe").optionalSecurity().response(200, "ok")),
                "neither it nor the document requires any");

        // Examples: of a declared body, of its type, named once, written by the mapper.
        Operation create = Operation.post("/orders").requestBody(CreateOrder.class);
        assertRefused(() -> create.requestExample("", new CreateOrder("a", 1)), "needs a name");
        create.requestExample("one", new CreateOrder("a", 1));
        assertRefused(() -> create.requestExample("one", new CreateOrder("b", 2)), "\"one\" of the request body");
        assertRefused(
                () -> api(Operation.post("/orders")
                        .requestBody(CreateOrder.class)
                        .requestExample("wrong", "just a string")
                        .response(201, "ok")),
                "not a " + CreateOrder.class.getName());
        assertRefused(
                () -> api(Operation.get("/orders").requestExample("x", "y").response(200, "ok")), "no request body");
        assertRefused(
                () -> api(
                        Operation.get("/orders").responseExample(200, "x", "y").response(204, "ok")),
                "does not declare");
        assertRefused(
                () -> api(Operation.get("/orders").response(204, "ok").responseExample(204, "x", "y")),
                "no Java body type");
        assertRefused(
                () -> api(Operation.get("/orders")
                        .response(200, "ok", Object.class)
                        .responseExample(200, "unwritable", new Object())),
                "cannot write example \"unwritable\"");
        assertThat(Operation.get("/n")
                        .response(200, "n", int.class)
                        .responseExample(200, "boxed", 7)
                        .toString())
                .contains("GET /n");
        api(Operation.get("/n").response(200, "n", int.class).responseExample(200, "boxed", 7));
    }

    private static void api(Operation... operations) {
        OpenApi.Builder builder = OpenApi.builder("t", "1");
        for (Operation operation : operations) {
            builder.operation(operation);
        }
        builder.build(SchemaGenerator.of(MAPPER));
    }

    private static void assertRefused(Runnable action, String naming) {
        assertThatThrownBy(action::run)
                .isInstanceOf(ApiDocsException.class)
                .hasMessageContaining(naming)
                .satisfies(e -> assertThat(((ApiDocsException) e).reason())
                        .isEqualTo(ApiDocsException.Reason.INVALID_OPERATION));
    }
}
