package dev.groundwork.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A second entity: foreign cursors, and the N+1 case (a lazy author per note). */
@Entity
@Table(name = "note")
public class Note {
    @Id
    Long id;

    String text;

    @ManyToOne(fetch = FetchType.LAZY)
    Author author;

    protected Note() {}

    Note(long id, String text, Author author) {
        this.id = id;
        this.text = text;
        this.author = author;
    }
}
