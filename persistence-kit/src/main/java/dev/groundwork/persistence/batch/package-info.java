/**
 * Batch inserts: {@link dev.groundwork.persistence.batch.BatchWriter} persists entities and flushes and clears the
 * {@code EntityManager} every batch, so memory stays flat and the provider can batch the statements. Not
 * thread-safe: one per unit of work.
 */
package dev.groundwork.persistence.batch;
