package dev.groundwork.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The author of notes. */
@Entity
@Table(name = "author")
public class Author {
    @Id
    Long id;

    String name;

    protected Author() {}

    public String getName() {
        return name;
    }

    Author(long id, String name) {
        this.id = id;
        this.name = name;
    }
}
