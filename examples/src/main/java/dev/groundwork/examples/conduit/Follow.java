package dev.groundwork.examples.conduit;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One user following another. */
@Entity
@Table(name = "follows")
public class Follow {

    /** The pair, the row's key. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "follower_id")
        private long follower;

        @Column(name = "followee_id")
        private long followee;

        /** For JPA. */
        protected Key() {}

        Key(long follower, long followee) {
            this.follower = follower;
            this.followee = followee;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Key key && key.follower == follower && key.followee == followee;
        }

        @Override
        public int hashCode() {
            return Objects.hash(follower, followee);
        }
    }

    @EmbeddedId
    private Key key = new Key();

    /** For JPA. */
    protected Follow() {}

    Follow(long follower, long followee) {
        this.key = new Key(follower, followee);
    }
}
