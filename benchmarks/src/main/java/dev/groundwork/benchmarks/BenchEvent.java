package dev.groundwork.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The row listed by {@link KeysetPaginationBenchmark}: an event with a creation time. */
@Entity
@Table(name = "bench_event")
public class BenchEvent {
    @Id
    Long id;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(nullable = false)
    String kind;

    /** For JPA. */
    protected BenchEvent() {}

    /**
     * Returns the id.
     *
     * @return the id
     */
    public Long id() {
        return id;
    }
}
