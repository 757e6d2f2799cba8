package dev.groundwork.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.groundwork.persistence.jdbc.StatementCounter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One real PostgreSQL (zonky embedded binaries) and one Hibernate EntityManagerFactory per test run, started on
 * first use and stopped at JVM exit.
 */
final class Db {
    private static final Db INSTANCE = new Db();

    final EmbeddedPostgres postgres;
    final HikariDataSource pool;
    final StatementCounter counter = StatementCounter.create();
    final DataSource dataSource;
    final EntityManagerFactory emf;

    private Db() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(postgres.getPostgresDatabase());
        config.setMaximumPoolSize(6);
        config.setAutoCommit(false);
        pool = new HikariDataSource(config);
        dataSource = counter.wrap(pool);
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.nonJtaDataSource", dataSource);
        props.put("jakarta.persistence.schema-generation.database.action", "drop-and-create");
        props.put("hibernate.connection.provider_disables_autocommit", "true");
        props.put("hibernate.jdbc.batch_size", "100");
        props.put("hibernate.order_inserts", "true");
        emf = Persistence.createEntityManagerFactory("groundwork-test", props);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emf.close();
            pool.close();
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the process is exiting
            }
        }));
    }

    static Db get() {
        return INSTANCE;
    }

    /** Runs work in a committed transaction. */
    <R> R tx(Function<EntityManager, R> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            R r = work.apply(em);
            em.getTransaction().commit();
            return r;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    void txRun(Consumer<EntityManager> work) {
        tx(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs plain SQL on the real pool (not counted), committed. */
    void sql(String... statements) {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
