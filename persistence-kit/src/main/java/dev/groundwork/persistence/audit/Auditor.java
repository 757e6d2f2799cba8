package dev.groundwork.persistence.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Stamps {@link Audited} entities with a clock reading and the current user. Thread-safe if the user supplier
 * is.
 */
public final class Auditor {
    private final Clock clock;
    private final Supplier<@Nullable String> currentUser;

    private Auditor(Clock clock, Supplier<@Nullable String> currentUser) {
        this.clock = clock;
        this.currentUser = currentUser;
    }

    /**
     * Creates an auditor.
     *
     * @param clock where times come from
     * @param currentUser who is acting now (for example from the request's authenticated principal); may
     *     return null
     * @return the auditor
     */
    public static Auditor of(Clock clock, Supplier<@Nullable String> currentUser) {
        return new Auditor(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(currentUser, "currentUser"));
    }

    /**
     * Stamps an entity about to be inserted: created and updated, with one clock reading.
     *
     * @param entity the entity; ignored unless {@link Audited}
     */
    public void created(Object entity) {
        if (entity instanceof Audited audited) {
            Instant now = clock.instant();
            String user = currentUser.get();
            audited.markCreated(now, user);
            audited.markUpdated(now, user);
        }
    }

    /**
     * Stamps an entity about to be updated.
     *
     * @param entity the entity; ignored unless {@link Audited}
     */
    public void updated(Object entity) {
        if (entity instanceof Audited audited) {
            audited.markUpdated(clock.instant(), currentUser.get());
        }
    }
}
