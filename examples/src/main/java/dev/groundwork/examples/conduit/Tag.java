package dev.groundwork.examples.conduit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A tag, shared by the articles that carry it. */
@Entity
@Table(name = "tags")
public class Tag {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String name = "";

    /** For JPA. */
    protected Tag() {}

    Tag(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }
}
