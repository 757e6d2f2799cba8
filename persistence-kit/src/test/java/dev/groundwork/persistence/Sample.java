package dev.groundwork.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Sort keys of every common type, for exact round trips through cursors. */
@Entity
@Table(name = "sample")
public class Sample {
    enum Status {
        NEW,
        PAID,
        SHIPPED
    }

    @Id
    UUID id;

    Instant instant;
    OffsetDateTime offsetDateTime;
    LocalDateTime localDateTime;
    LocalDate localDate;
    BigDecimal amount;

    @Enumerated(EnumType.STRING)
    Status status;

    long counter;
    Boolean flag;
    Double ratio;

    protected Sample() {}

    Sample(UUID id) {
        this.id = id;
    }
}
