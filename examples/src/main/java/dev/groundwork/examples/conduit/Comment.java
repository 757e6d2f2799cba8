package dev.groundwork.examples.conduit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A comment on an article. */
@Entity
@Table(name = "comments")
public class Comment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "article_id", nullable = false)
    private long articleId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    private @Nullable User author;

    @Column(nullable = false)
    private String body = "";

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.EPOCH;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.EPOCH;

    /** For JPA. */
    protected Comment() {}

    Comment(long articleId, User author, String body, Instant now) {
        this.articleId = articleId;
        this.author = author;
        this.body = body;
        this.createdAt = now;
        this.updatedAt = now;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("not persisted yet");
        }
        return id;
    }

    long articleId() {
        return articleId;
    }

    User author() {
        if (author == null) {
            throw new IllegalStateException("a comment without an author");
        }
        return author;
    }

    String body() {
        return body;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
