/**
 * OpenAPI 3.1 documents from Java types: {@link dev.groundwork.apidocs.SchemaGenerator} turns types into JSON Schema
 * 2020-12 components through the application's own Jackson {@code ObjectMapper}, so each schema describes what
 * that mapper writes.
 */
// Null-marked here as well as on the module: on the class path a module's annotations are not seen, and the page
// bodies' schemas read this package's nullness.
@NullMarked
package dev.groundwork.apidocs;

import org.jspecify.annotations.NullMarked;
