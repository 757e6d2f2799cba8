/**
 * OpenAPI 3.1 documents from Java types: {@link dev.groundwork.apidocs.SchemaGenerator} turns types into JSON Schema
 * 2020-12 components through the application's own Jackson {@code ObjectMapper}, so each schema describes what
 * that mapper writes.
 */
package dev.groundwork.apidocs;
