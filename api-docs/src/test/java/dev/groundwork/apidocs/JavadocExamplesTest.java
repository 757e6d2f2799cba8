package dev.groundwork.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.testing.ReadmeSnippets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's Javadoc examples, exactly as printed, compiled and run. */
class JavadocExamplesTest {

    record Order(long id, String item) {}

    record Page<T>(List<T> items, String next) {}

    @Test
    void theTestHoldsEveryJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/apidocs/JavadocExamplesTest.java")))
                .isEqualTo(1);
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
}
