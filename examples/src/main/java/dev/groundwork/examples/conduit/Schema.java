package dev.groundwork.examples.conduit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database schema as numbered steps, applied at start in one transaction each: a fresh database gets them all,
 * an older one the steps it lacks. A step is never edited once released; a change is a new step.
 */
final class Schema {

    private static final List<String> STEPS = List.of(
            """
            CREATE TABLE users (
                id bigserial PRIMARY KEY,
                username varchar(64) NOT NULL UNIQUE,
                email varchar(254) NOT NULL UNIQUE,
                password_hash varchar(200) NOT NULL,
                bio text,
                image varchar(2048),
                created_at timestamptz NOT NULL DEFAULT now(),
                version bigint NOT NULL DEFAULT 0
            )""",
            """
            CREATE TABLE follows (
                follower_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                followee_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (follower_id, followee_id)
            )""",
            """
            CREATE TABLE tags (
                id bigserial PRIMARY KEY,
                name varchar(64) NOT NULL UNIQUE
            )""",
            """
            CREATE TABLE articles (
                id bigserial PRIMARY KEY,
                slug varchar(200) NOT NULL UNIQUE,
                title varchar(200) NOT NULL,
                description varchar(1000) NOT NULL,
                body text NOT NULL,
                author_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                favorites_count integer NOT NULL DEFAULT 0,
                version bigint NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX articles_newest ON articles (created_at DESC, id DESC)",
            "CREATE INDEX articles_by_author ON articles (author_id, created_at DESC, id DESC)",
            """
            CREATE TABLE article_tags (
                article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                tag_id bigint NOT NULL REFERENCES tags(id),
                PRIMARY KEY (article_id, tag_id)
            )""",
            "CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id)",
            """
            CREATE TABLE favorites (
                user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, article_id)
            )""",
            "CREATE INDEX favorites_by_article ON favorites (article_id)",
            """
            CREATE TABLE comments (
                id bigserial PRIMARY KEY,
                article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                author_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                body text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            )""",
            "CREATE INDEX comments_by_article ON comments (article_id, id)",
            "CREATE INDEX follows_by_followee ON follows (followee_id)");

    private Schema() {}

    /** Applies the missing steps; returns the version the database is at. */
    static int migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version int NOT NULL)");
                // One instance migrates at a time; the others wait here and then find nothing to do.
                statement.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
                int version = 0;
                try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                    if (rows.next()) {
                        version = rows.getInt(1);
                    }
                }
                if (version > STEPS.size()) {
                    throw new SQLException("the database is at schema version " + version
                            + ", newer than this service's " + STEPS.size() + "; run a newer service");
                }
                for (int step = version; step < STEPS.size(); step++) {
                    statement.execute(STEPS.get(step));
                    statement.execute("INSERT INTO schema_version (version) VALUES (" + (step + 1) + ")");
                }
                connection.commit();
                return STEPS.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
