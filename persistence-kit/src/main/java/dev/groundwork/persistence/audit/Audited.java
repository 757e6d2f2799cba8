package dev.groundwork.persistence.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An entity that records who created and last changed it, and when. Implement it, map the four values to
 * columns as you like, and register {@link AuditListener} with {@code @EntityListeners}.
 *
 * <pre>{@code
 * @Entity
 * @EntityListeners(AuditListener.class)
 * class Order implements Audited {
 *     Instant createdAt;
 *     String createdBy;
 *     Instant updatedAt;
 *     String updatedBy;
 *
 *     @Override
 *     public void markCreated(Instant at, String by) {
 *         createdAt = at;
 *         createdBy = by;
 *     }
 *
 *     @Override
 *     public void markUpdated(Instant at, String by) {
 *         updatedAt = at;
 *         updatedBy = by;
 *     }
 * }
 * }</pre>
 */
public interface Audited {
    /**
     * Called once, before the entity is first persisted (followed by {@link #markUpdated}).
     *
     * @param at the auditor's clock reading
     * @param by the current user, or null when none is known
     */
    void markCreated(Instant at, @Nullable String by);

    /**
     * Called before each insert and before each update the provider flushes for this entity.
     *
     * @param at the auditor's clock reading
     * @param by the current user, or null when none is known
     */
    void markUpdated(Instant at, @Nullable String by);
}
