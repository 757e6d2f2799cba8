package dev.groundwork.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** A large table with an index on (created_at, id): churn, plans and counts. */
@Entity
@Table(name = "event", indexes = @Index(name = "event_created_id", columnList = "created_at, id"))
public class Event {
    @Id
    Long id;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(nullable = false)
    String kind;

    protected Event() {}

    Event(long id, Instant createdAt, String kind) {
        this.id = id;
        this.createdAt = createdAt;
        this.kind = kind;
    }
}
