package dev.groundwork.examples.conduit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.groundwork.persistence.jdbc.StatementCounter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL for the service: the embedded server with its data in a folder (kept across restarts), or the one a
 * JDBC URL names; a connection pool; the schema migrated; JPA through Hibernate.
 */
final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final @Nullable EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final EntityManagerFactory jpa;
    private final StatementCounter statements;

    private Database(
            @Nullable EmbeddedPostgres embedded,
            HikariDataSource pool,
            EntityManagerFactory jpa,
            StatementCounter statements) {
        this.embedded = embedded;
        this.pool = pool;
        this.jpa = jpa;
        this.statements = statements;
    }

    static Database open(Config config) throws IOException, SQLException {
        EmbeddedPostgres embedded = null;
        HikariConfig pooling = new HikariConfig();
        pooling.setPoolName("conduit");
        pooling.setMaximumPoolSize(8);
        pooling.setAutoCommit(false);
        if (config.jdbcUrl() != null) {
            pooling.setJdbcUrl(config.jdbcUrl());
            pooling.setUsername(config.jdbcUser());
            pooling.setPassword(config.jdbcPassword());
        } else {
            Path folder = Files.createDirectories(config.dataDir().resolve("postgres"));
            long started = System.nanoTime();
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(folder)
                    .setCleanDataDirectory(false)
                    .start();
            LOG.log(
                    System.Logger.Level.INFO,
                    "embedded PostgreSQL on port {0} with its data in {1}, started in {2} ms",
                    String.valueOf(embedded.getPort()),
                    folder,
                    String.valueOf((System.nanoTime() - started) / 1_000_000));
            pooling.setDataSource(embedded.getPostgresDatabase());
        }
        HikariDataSource pool = new HikariDataSource(pooling);
        try {
            Schema.migrate(pool);
            // Counts only while a request records (X-SQL-Statements); otherwise it only forwards calls.
            StatementCounter statements = StatementCounter.create();
            EntityManagerFactory jpa = new HibernatePersistenceConfiguration("conduit")
                    .managedClasses(User.class, Follow.class, Tag.class, Article.class, Favorite.class, Comment.class)
                    .property("jakarta.persistence.nonJtaDataSource", statements.wrap(pool))
                    .property("hibernate.connection.provider_disables_autocommit", "true")
                    .property("hibernate.jdbc.batch_size", "50")
                    // A lazy association left uninitialised loads with up to 100 others: never one query a row.
                    .property("hibernate.default_batch_fetch_size", "100")
                    .createEntityManagerFactory();
            return new Database(embedded, pool, jpa, statements);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    EntityManagerFactory jpa() {
        return jpa;
    }

    StatementCounter statements() {
        return statements;
    }

    /**
     * Every table's rows as one digest each, for tests that must prove a request changed nothing: equal maps, equal
     * contents.
     */
    java.util.Map<String, String> fingerprint() throws SQLException {
        java.util.Map<String, String> digests = new java.util.TreeMap<>();
        try (java.sql.Connection connection = pool.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            for (String table : java.util.List.of(
                    "users", "follows", "tags", "articles", "article_tags", "favorites", "comments")) {
                try (java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || md5(coalesce("
                        + "string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")) {
                    rows.next();
                    digests.put(table, rows.getString(1));
                }
            }
            connection.rollback();
        }
        return digests;
    }

    @Override
    public void close() throws IOException {
        jpa.close();
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
