/**
 * The RealWorld ("Conduit") backend built from Groundwork's modules: start it with {@link
 * dev.groundwork.examples.conduit.Conduit#main}. Null-marked, so the OpenAPI document api-docs writes from these
 * records says which fields may be null.
 */
@NullMarked
package dev.groundwork.examples.conduit;

import org.jspecify.annotations.NullMarked;
