package dev.groundwork.apidocs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.apidocs.internal.SchemaWriter;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The schemas of one document, made by a {@link SchemaGenerator}: a schema per type asked for (a {@code $ref} to a
 * named component for objects and enums, inline for scalars and containers), and the components reached. Each type
 * is resolved once. Not thread-safe: one per document being built.
 */
public final class Schemas {

    private final SchemaWriter writer;

    Schemas(SchemaWriter writer) {
        this.writer = writer;
    }

    /**
     * The schema of a type, registering the components it needs.
     *
     * @param type a class or a parameterised type
     * @return the schema (a new node each call)
     * @throws ApiDocsException when the mapper cannot write the type, its shape cannot be described, or two
     *     different types would get one name
     */
    public ObjectNode schemaFor(Type type) {
        return writer.schema(Objects.requireNonNull(type, "type"));
    }

    /**
     * The schema of a generic type.
     *
     * @param type the captured type, such as {@code new TypeRef<Page<Order>>() {}}
     * @return the schema (a new node each call)
     * @throws ApiDocsException as {@link #schemaFor(Type)}
     */
    public ObjectNode schemaFor(TypeRef<?> type) {
        return schemaFor(Objects.requireNonNull(type, "type").type());
    }

    /** Defines a component no Java type describes; see {@link SchemaWriter#define}. */
    ObjectNode define(String name, ObjectNode schema) {
        return writer.define(name, schema);
    }

    /**
     * The named schemas so far, sorted by name: the {@code components.schemas} of an OpenAPI document.
     *
     * @return a new node
     */
    public ObjectNode components() {
        return writer.components();
    }

    /** The components for a document being built, shared rather than copied: see {@link SchemaWriter#components(boolean)}. */
    ObjectNode componentsForDocument() {
        return writer.components(false);
    }
}
