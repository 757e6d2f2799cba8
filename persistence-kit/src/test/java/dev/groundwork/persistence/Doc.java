package dev.groundwork.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** Rows whose sort values are longer than a cursor can carry: unbounded text and numbers. */
@Entity
@Table(name = "doc")
public class Doc {
    @Id
    Long id;

    @Column(columnDefinition = "text")
    String title;

    @Column(columnDefinition = "text", nullable = false, unique = true)
    String slug;

    @Column(columnDefinition = "numeric")
    BigDecimal score;

    protected Doc() {}

    Doc(long id, String title, String slug, BigDecimal score) {
        this.id = id;
        this.title = title;
        this.slug = slug;
        this.score = score;
    }
}
