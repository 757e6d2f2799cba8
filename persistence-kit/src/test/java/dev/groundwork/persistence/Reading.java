package dev.groundwork.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Rows for batch inserts: a pooled sequence, so the provider can batch. */
@Entity
@Table(name = "reading")
public class Reading {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "reading_seq")
    @SequenceGenerator(name = "reading_seq", sequenceName = "reading_seq", allocationSize = 100)
    Long id;

    double value;

    protected Reading() {}

    Reading(double value) {
        this.value = value;
    }
}
