package dev.groundwork.persistence.batch;

import jakarta.persistence.EntityManager;
import java.util.Objects;

/**
 * Persists many entities in one transaction without growing the persistence context: every {@code batchSize}
 * entities it flushes (the provider sends them as JDBC batches) and clears. Not thread-safe, like the entity
 * manager it wraps.
 *
 * <pre>{@code
 * tx.run(em -> {
 *     try (BatchWriter batch = BatchWriter.of(em, 500)) {
 *         rows.forEach(batch::persist);
 *     }
 * });
 * }</pre>
 *
 * <p>For real JDBC batching, set the provider's batch size to the same number ({@code hibernate.jdbc.batch_size},
 * and {@code hibernate.order_inserts=true} for mixed entity types) and use sequence or assigned ids: an
 * {@code IDENTITY} id forces one insert per row. With PostgreSQL, {@code reWriteBatchedInserts=true} on the
 * driver turns a batch into multi-row inserts. Entities passed in are detached after each flush: keep ids, not
 * references.
 */
public final class BatchWriter implements AutoCloseable {
    private final EntityManager em;
    private final int batchSize;
    private int pending;
    private long written;

    private BatchWriter(EntityManager em, int batchSize) {
        this.em = em;
        this.batchSize = batchSize;
    }

    /**
     * Creates a writer over an entity manager that is in a transaction.
     *
     * @param em the entity manager
     * @param batchSize entities per flush, between 1 and 10 000
     * @return the writer
     * @throws IllegalStateException if the entity manager has no active transaction
     */
    public static BatchWriter of(EntityManager em, int batchSize) {
        Objects.requireNonNull(em, "em");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be between 1 and 10000");
        }
        if (!em.isJoinedToTransaction()) {
            throw new IllegalStateException("a BatchWriter needs an entity manager in an active transaction");
        }
        return new BatchWriter(em, batchSize);
    }

    /**
     * Persists a new entity; flushes and clears when the batch is full.
     *
     * @param entity the entity
     */
    public void persist(Object entity) {
        em.persist(Objects.requireNonNull(entity, "entity"));
        written++;
        if (++pending >= batchSize) {
            flush();
        }
    }

    /**
     * Flushes and clears now.
     */
    public void flush() {
        if (pending > 0) {
            em.flush();
            em.clear();
            pending = 0;
        }
    }

    /**
     * Returns how many entities were persisted through this writer.
     *
     * @return the count
     */
    public long written() {
        return written;
    }

    /** Flushes and clears what is left. The transaction stays the caller's to commit. */
    @Override
    public void close() {
        flush();
    }
}
