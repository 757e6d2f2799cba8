package dev.groundwork.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Rows for keyset walks: small value domains with duplicates and nulls. */
@Entity
@Table(name = "item")
public class Item {
    @Id
    Long id;

    Integer grp;

    String name;

    Integer rank;

    @Column(nullable = false)
    String tag;

    @Column(name = "seen_at")
    Instant at;

    protected Item() {}

    Item(long id, Integer grp, String name, Integer rank, String tag, Instant at) {
        this.id = id;
        this.grp = grp;
        this.name = name;
        this.rank = rank;
        this.tag = tag;
        this.at = at;
    }

    @Override
    public String toString() {
        return "Item" + id + "(" + grp + "," + name + "," + rank + ")";
    }
}
