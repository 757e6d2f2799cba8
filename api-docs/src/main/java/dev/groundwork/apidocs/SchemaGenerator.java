package dev.groundwork.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.apidocs.internal.SchemaWriter;
import java.util.Objects;

/**
 * Turns Java types into JSON Schema 2020-12 (the schema dialect of OpenAPI 3.1) through the application's own
 * {@link ObjectMapper}: property names, naming strategies, {@code @JsonProperty}, {@code @JsonIgnore},
 * {@code @JsonInclude}, {@code @JsonUnwrapped}, {@code @JsonValue} and enum values are read from Jackson's own
 * introspection of that mapper, so a schema describes what the mapper writes, not what the class looks like.
 *
 * <pre>{@code
 * SchemaGenerator generator = SchemaGenerator.of(mapper);
 * Schemas schemas = generator.schemas(); // one per document
 * // {"$ref": "#/components/schemas/PageOfOrder"}
 * ObjectNode page = schemas.schemaFor(new TypeRef<Page<Order>>() {});
 * ObjectNode components = schemas.components(); // PageOfOrder, Order, ... sorted by name
 * }</pre>
 *
 * <p>Immutable and thread-safe; it holds no registry of its own, so two generators in one JVM never see each
 * other's types.
 */
public final class SchemaGenerator {

    private final ObjectMapper mapper;

    private SchemaGenerator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A generator that describes what this mapper writes.
     *
     * @param mapper the mapper the application writes its responses with (its modules, naming strategy and
     *     features decide the schemas)
     * @return the generator
     */
    public static SchemaGenerator of(ObjectMapper mapper) {
        return new SchemaGenerator(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * A fresh set of schemas for one document: every type it is asked for, and every type those reach, becomes one
     * named component, resolved once.
     *
     * @return the schemas, empty
     */
    public Schemas schemas() {
        return new Schemas(new SchemaWriter(mapper));
    }

    /** The mapper, for writing examples as the application writes its bodies. */
    ObjectMapper mapper() {
        return mapper;
    }
}
