package dev.groundwork.examples.conduit;

import com.zaxxer.hikari.HikariDataSource;
import dev.groundwork.persistence.jdbc.StatementCounter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL for the service: the embedded server with its data in a folder (kept across restarts), or the one a
 * JDBC URL names; a connection pool; the schema migrated; JPA through Hibernate.
 */
final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    /** The major version of zonky's embedded PostgreSQL binaries (a test holds it to the running server's). */
    static final int EMBEDDED_MAJOR_VERSION = 17;

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
        // A pool that starts on its first connection, so Hibernate can be handed it before the database is up.
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("conduit");
        pool.setMaximumPoolSize(8);
        pool.setAutoCommit(false);
        // A request waits at most 2 s for a connection; without the database it then answers 503, not after 30 s.
        pool.setConnectionTimeout(2_000);
        String jdbcUrl = config.jdbcUrl();
        if (jdbcUrl != null) {
            pool.setJdbcUrl(jdbcUrl);
            pool.setUsername(config.jdbcUser());
            pool.setPassword(config.jdbcPassword());
        }
        Path folder = config.dataDir().resolve("postgres");
        // The database is made ready (the embedded server started, the schema migrated) on one thread while
        // Hibernate boots on this one: each took about half the start. Hibernate does not ask our own embedded
        // PostgreSQL 17 for its version and features, so it need not wait for it; a database named by URL it asks.
        CompletableFuture<@Nullable EmbeddedPostgres> ready = new CompletableFuture<>();
        Thread starter = new Thread(
                () -> {
                    try {
                        EmbeddedPostgres embedded = jdbcUrl == null ? startEmbedded(folder, pool) : null;
                        try {
                            Schema.migrate(pool);
                        } catch (SQLException | RuntimeException e) {
                            if (embedded != null) {
                                embedded.close();
                            }
                            throw e;
                        }
                        ready.complete(embedded);
                    } catch (IOException | SQLException | RuntimeException e) {
                        ready.completeExceptionally(e);
                    }
                },
                "conduit-database-start");
        starter.setDaemon(true);
        starter.start();
        // Counts only while a request records (X-SQL-Statements); otherwise it only forwards calls.
        StatementCounter statements = StatementCounter.create();
        EntityManagerFactory jpa;
        try {
            jpa = hibernate(statements, pool, jdbcUrl == null);
        } catch (RuntimeException e) {
            close(ready, pool);
            throw e;
        }
        try {
            return new Database(ready.join(), pool, jpa, statements);
        } catch (CompletionException e) {
            jpa.close();
            pool.close();
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    /** Starts the embedded server on its data folder and points the pool at it. */
    private static EmbeddedPostgres startEmbedded(Path folder, HikariDataSource pool) throws IOException {
        long started = System.nanoTime();
        // PostgreSQL's own output (initdb, the server's log) goes to a file beside its data, as a server's would.
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(
                Files.createDirectories(folder).resolveSibling("postgres.log").toFile());
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(folder)
                .setCleanDataDirectory(false)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        LOG.log(
                System.Logger.Level.INFO,
                "embedded PostgreSQL on port {0} with its data in {1} (its log beside it), started in {2} ms",
                String.valueOf(embedded.getPort()),
                folder,
                String.valueOf((System.nanoTime() - started) / 1_000_000));
        pool.setDataSource(embedded.getPostgresDatabase());
        return embedded;
    }

    /** Closes what a failed start left: the pool, and the embedded server once its start is over. */
    private static void close(CompletableFuture<@Nullable EmbeddedPostgres> database, HikariDataSource pool) {
        pool.close();
        try {
            EmbeddedPostgres embedded = database.join();
            if (embedded != null) {
                embedded.close();
            }
        } catch (CompletionException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * JPA through Hibernate on the pool. {@code ourPostgres}: the database is the embedded PostgreSQL 17, so
     * Hibernate boots without asking it for its version and features (and before it is up).
     */
    private static EntityManagerFactory hibernate(
            StatementCounter statements, HikariDataSource pool, boolean ourPostgres) {
        HibernatePersistenceConfiguration jpa = new HibernatePersistenceConfiguration("conduit")
                .managedClasses(User.class, Follow.class, Tag.class, Article.class, Favorite.class, Comment.class)
                .property("jakarta.persistence.nonJtaDataSource", statements.wrap(pool))
                .property("hibernate.connection.provider_disables_autocommit", "true")
                .property("hibernate.jdbc.batch_size", "50")
                // A lazy association left uninitialised loads with up to 100 others: never one query a row.
                .property("hibernate.default_batch_fetch_size", "100");
        if (ourPostgres) {
            jpa.property("hibernate.boot.allow_jdbc_metadata_access", "false")
                    .property("jakarta.persistence.database-product-name", "PostgreSQL")
                    .property("jakarta.persistence.database-major-version", String.valueOf(EMBEDDED_MAJOR_VERSION))
                    .property("jakarta.persistence.database-minor-version", "0");
        }
        return jpa.createEntityManagerFactory();
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

    /** The embedded server's JDBC URL (user and password {@code postgres}), if it is the embedded one. */
    @Nullable
    String embeddedUrl() {
        return embedded == null ? null : embedded.getJdbcUrl("postgres", "postgres");
    }

    /** The server's major version, as it reports it. */
    int majorVersion() throws SQLException {
        try (java.sql.Connection connection = pool.getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows =
                        statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rows.next();
            int major = rows.getInt(1);
            connection.rollback();
            return major;
        }
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
