package dev.groundwork.examples.conduit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/** A registered user. */
@Entity
@Table(name = "users")
public class User {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String username = "";

    @Column(nullable = false, unique = true)
    private String email = "";

    @Column(name = "password_hash", nullable = false)
    private String passwordHash = "";

    private @Nullable String bio;

    private @Nullable String image;

    @Version
    private long version;

    /** For JPA. */
    protected User() {}

    User(String username, String email, String passwordHash) {
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("not persisted yet");
        }
        return id;
    }

    String username() {
        return username;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    @Nullable
    String bio() {
        return bio;
    }

    @Nullable
    String image() {
        return image;
    }

    void username(String username) {
        this.username = username;
    }

    void email(String email) {
        this.email = email;
    }

    void passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void bio(@Nullable String bio) {
        this.bio = bio;
    }

    void image(@Nullable String image) {
        this.image = image;
    }
}
