package dev.groundwork.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.testing.ReadmeSnippets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The module's Javadoc examples and README blocks, exactly as printed, compiled and run. */
// The models here are unannotated on purpose (nulls are part of what is tested), in a package the module marks.
@org.jspecify.annotations.NullUnmarked
class JavadocExamplesTest {

    record Order(long id, String item) {}

    record Page<T>(List<T> items, String next) {}

    @Test
    void theTestHoldsEveryJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/apidocs/JavadocExamplesTest.java"),
                        Path.of("src/test/java/dev/groundwork/apidocs/DocsEndpointTest.java")))
                .isEqualTo(6);
    }

    @Test
    void theTestHoldsTheReadmeBlocks() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"),
                        Path.of("src/test/java/dev/groundwork/apidocs/JavadocExamplesTest.java"),
                        Path.of("src/test/java/dev/groundwork/apidocs/DocsEndpointTest.java")))
                .isEqualTo(5);
    }

    record CreateOrder(String item, int quantity) {}

    @Test
    void examplesAndPageBodies() {
        Order order = new Order(7, "book");

        // region examples
        Operation listOrders = Operation.get("/orders")
                .cursorPagination(100)
                .response(200, "A page of orders", CursorPageBody.of(Order.class))
                .responseExample(200, "last page", new CursorPageBody<>(List.of(order), null, "b3JkZXI6Mg"));
        Operation createOrder = Operation.post("/orders")
                .requestBody(CreateOrder.class)
                .requestExample("one book", new CreateOrder("book", 1))
                .response(201, "Created", Order.class);
        // endregion

        // region CursorPageBody
        Operation.get("/orders")
                .cursorPagination(100)
                .response(200, "A page of orders", CursorPageBody.of(Order.class));
        // endregion

        // region OffsetPageBody
        Operation.get("/orders")
                .offsetPagination(100)
                .response(200, "A page of orders", OffsetPageBody.of(Order.class));
        // endregion

        ObjectNode document = OpenApi.builder("Shop", "1")
                .operation(listOrders)
                .operation(createOrder)
                .build(SchemaGenerator.of(new ObjectMapper()))
                .toTree();
        assertThat(document.at("/paths/~1orders/get/responses/200/content/application~1json/examples/last page"
                                + "/value/items/0/item")
                        .asText())
                .isEqualTo("book");
        assertThat(document.at("/paths/~1orders/post/requestBody/content/application~1json/examples/one book/value")
                        .toString())
                .isEqualTo("{\"item\":\"book\",\"quantity\":1}");
    }

    /** What a router knows about a route. */
    record Route(String method, String path, Class<?> response, List<String> pathParameters) {}

    @Test
    void aRouterPluggedIn() {
        ObjectMapper mapper = new ObjectMapper();
        List<Route> routes = List.of(
                new Route("GET", "/orders/{id}", Order.class, List.of("id")),
                new Route("POST", "/orders", Order.class, List.of()));

        // region router
        OpenApi.Builder builder = OpenApi.builder("Shop", "2.0");
        for (Route route : routes) {
            Operation operation = Operation.of(route.method(), route.path())
                    .id(route.method().toLowerCase(Locale.ROOT)
                            + route.response().getSimpleName())
                    .response(200, "OK", route.response());
            for (String name : route.pathParameters()) {
                operation.pathParameter(name, String.class, "The " + name);
            }
            builder.operation(operation);
        }
        OpenApi api = builder.build(SchemaGenerator.of(mapper));
        // endregion

        assertThat(api.toTree().get("paths").fieldNames()).toIterable().containsExactly("/orders", "/orders/{id}");
        assertThat(api.toTree().at("/paths/~1orders~1{id}/get/operationId").asText())
                .isEqualTo("getOrder");
    }

    @Test
    void schemaGenerator() {
        ObjectMapper mapper = new ObjectMapper();

        // region SchemaGenerator
        SchemaGenerator generator = SchemaGenerator.of(mapper);
        Schemas schemas = generator.schemas(); // one per document
        // {"$ref": "#/components/schemas/PageOfOrder"}
        ObjectNode page = schemas.schemaFor(new TypeRef<Page<Order>>() {});
        ObjectNode components = schemas.components(); // PageOfOrder, Order, ... sorted by name
        // endregion

        assertThat(page.get("$ref").asText()).isEqualTo("#/components/schemas/PageOfOrder");
        assertThat(components.fieldNames()).toIterable().containsExactly("Order", "PageOfOrder");
    }

    @Test
    void operationAndDocument() {
        ObjectMapper mapper = new ObjectMapper();

        // region Operation
        Operation getOrder = Operation.get("/orders/{id}")
                .id("getOrder")
                .tag("orders")
                .summary("One order")
                .pathParameter("id", UUID.class, "The order's id")
                .queryParameter("expand", String.class, "Related objects to include")
                .response(200, "The order", Order.class)
                .response(404, "No such order");
        // endregion

        // region OpenApi
        OpenApi api = OpenApi.builder("Orders API", "1.4.0")
                .server("https://api.example.com")
                .operation(getOrder)
                .build(SchemaGenerator.of(mapper));
        byte[] json = api.toJson();
        byte[] yaml = api.toYaml();
        // endregion

        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"operationId\" : \"getOrder\"");
        assertThat(new String(yaml, java.nio.charset.StandardCharsets.UTF_8)).contains("operationId: getOrder");
    }
}
