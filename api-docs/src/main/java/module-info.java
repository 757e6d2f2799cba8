import org.jspecify.annotations.NullMarked;

/**
 * OpenAPI 3.1 documents from Java types and a type-safe operation builder, written as JSON or YAML.
 */
@NullMarked
module dev.groundwork.apidocs {
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires static transitive org.jspecify;
}
