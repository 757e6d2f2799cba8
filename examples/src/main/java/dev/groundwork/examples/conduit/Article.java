package dev.groundwork.examples.conduit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An article; its tags through {@code article_tags}, its favorites counted in {@code favorites_count}. */
@Entity
@Table(name = "articles")
public class Article {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String slug = "";

    @Column(nullable = false)
    private String title = "";

    @Column(nullable = false)
    private String description = "";

    @Column(nullable = false)
    private String body = "";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private @Nullable User author;

    @ManyToMany
    @JoinTable(
            name = "article_tags",
            joinColumns = @JoinColumn(name = "article_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.EPOCH;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.EPOCH;

    @Column(name = "favorites_count", nullable = false)
    private int favoritesCount;

    @Version
    private long version;

    /** For JPA. */
    protected Article() {}

    Article(String slug, String title, String description, String body, User author, Instant now) {
        this.slug = slug;
        this.title = title;
        this.description = description;
        this.body = body;
        this.author = author;
        this.createdAt = now;
        this.updatedAt = now;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("not persisted yet");
        }
        return id;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    String body() {
        return body;
    }

    User author() {
        if (author == null) {
            throw new IllegalStateException("an article without an author");
        }
        return author;
    }

    Set<Tag> tags() {
        return tags;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    int favoritesCount() {
        return favoritesCount;
    }

    long version() {
        return version;
    }

    void slug(String slug) {
        this.slug = slug;
    }

    void title(String title) {
        this.title = title;
    }

    void description(String description) {
        this.description = description;
    }

    void body(String body) {
        this.body = body;
    }

    void touched(Instant now) {
        this.updatedAt = now;
    }
}
