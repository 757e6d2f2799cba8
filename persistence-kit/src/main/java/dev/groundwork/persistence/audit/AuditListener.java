package dev.groundwork.persistence.audit;

import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JPA entity listener that applies an {@link Auditor} to {@link Audited} entities. Register it with
 * {@code @EntityListeners(AuditListener.class)}.
 *
 * <p>JPA creates listeners through their no-argument constructor and offers no other way to hand them
 * collaborators, so the no-argument form reads the auditor set by {@link #install(Auditor)}, once, at start-up;
 * this is the one piece of static state in Groundwork, and it exists because the JPA specification leaves no
 * other door. Where the provider builds listeners through a bean container (CDI), the
 * {@link #AuditListener(Auditor)} constructor takes the auditor directly. Thread-safe.
 */
public final class AuditListener {
    private static volatile @Nullable Auditor installed;

    private final @Nullable Auditor auditor;

    /** Creates the listener JPA instantiates; it uses the {@linkplain #install installed} auditor. */
    public AuditListener() {
        this.auditor = null;
    }

    /**
     * Creates a listener with its own auditor, for bean containers.
     *
     * @param auditor the auditor
     */
    public AuditListener(Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * Sets the auditor used by listeners JPA creates. Call it before the first entity is persisted.
     *
     * @param auditor the auditor
     */
    public static void install(Auditor auditor) {
        installed = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * Stamps an entity before insert.
     *
     * @param entity the entity
     */
    @PrePersist
    public void beforeInsert(Object entity) {
        auditor().created(entity);
    }

    /**
     * Stamps an entity before update.
     *
     * @param entity the entity
     */
    @PreUpdate
    public void beforeUpdate(Object entity) {
        auditor().updated(entity);
    }

    private Auditor auditor() {
        Auditor a = auditor != null ? auditor : installed;
        if (a == null) {
            throw new IllegalStateException(
                    "no Auditor: call AuditListener.install(Auditor.of(clock, currentUser)) at start-up");
        }
        return a;
    }
}
