import org.jspecify.annotations.NullMarked;

/**
 * OpenAPI 3.1 documents from Java types and a type-safe operation builder, written as JSON or YAML. Schemas come
 * from the application's own Jackson {@code ObjectMapper}.
 */
@NullMarked
module dev.groundwork.apidocs {
    exports dev.groundwork.apidocs;

    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires static transitive org.jspecify;
    requires static transitive com.google.errorprone.annotations;
}
