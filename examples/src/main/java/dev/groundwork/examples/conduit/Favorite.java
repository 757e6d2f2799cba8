package dev.groundwork.examples.conduit;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A user's favorite article. */
@Entity
@Table(name = "favorites")
public class Favorite {

    /** The pair, the row's key. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "user_id")
        private long user;

        @Column(name = "article_id")
        private long article;

        /** For JPA. */
        protected Key() {}

        Key(long user, long article) {
            this.user = user;
            this.article = article;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Key key && key.user == user && key.article == article;
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, article);
        }
    }

    @EmbeddedId
    private Key key = new Key();

    /** For JPA. */
    protected Favorite() {}

    Favorite(long user, long article) {
        this.key = new Key(user, article);
    }
}
