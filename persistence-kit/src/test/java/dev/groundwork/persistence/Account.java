package dev.groundwork.persistence;

import dev.groundwork.persistence.audit.AuditListener;
import dev.groundwork.persistence.audit.Audited;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A versioned, audited entity for the transaction template and auditing tests. */
@Entity
@Table(name = "account")
@EntityListeners(AuditListener.class)
public class Account implements Audited {
    @Id
    Long id;

    long balance;

    @Version
    long version;

    Instant createdAt;
    String createdBy;
    Instant updatedAt;
    String updatedBy;

    protected Account() {}

    Account(long id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    @Override
    public void markCreated(Instant at, String by) {
        createdAt = at;
        createdBy = by;
    }

    @Override
    public void markUpdated(Instant at, String by) {
        updatedAt = at;
        updatedBy = by;
    }
}
