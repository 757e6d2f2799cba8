package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.persistence.audit.AuditListener;
import dev.groundwork.persistence.audit.Audited;
import dev.groundwork.persistence.batch.BatchWriter;
import dev.groundwork.persistence.jdbc.StatementCounter;
import dev.groundwork.persistence.jdbc.StatementRecording;
import dev.groundwork.persistence.tx.TransactionTemplate;
import dev.groundwork.testing.ReadmeSnippets;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Javadoc example of persistence-kit, exactly as the documentation prints it (checked by
 * {@link ReadmeSnippets#assertJavadocPrinted}), compiled and run against the test entities. Regions name the type
 * whose Javadoc shows them.
 */
class JavadocExamplesTest {
    static final Db DB = Db.get();
    static final byte[] SECRET = "javadoc-javadoc-javadoc-javadoc!".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void load() {
        DB.sql(
                "truncate event",
                "insert into event (id, created_at, kind) select g, timestamptz '2026-11-01 00:00:00+00'"
                        + " + g * interval '1 minute', 'login' from generate_series(1, 30) g");
    }

    @Test
    void theTestHoldsEveryJavadocExample() {
        assertThat(ReadmeSnippets.assertJavadocPrinted(
                        Path.of("src/main/java"),
                        Path.of("src/test/java/dev/groundwork/persistence/JavadocExamplesTest.java")))
                .isEqualTo(12);
    }

    @Test
    void specsCodecsPaginatorsAndPages() {
        EntityManagerFactory emf = DB.emf;
        byte[] secret = SECRET;
        byte[] oldSecret = "javadoc-old-javadoc-old-javadoc!".getBytes(StandardCharsets.US_ASCII);
        byte[] cursorSecret = SECRET;
        Map<String, String> params = Map.of("limit", "10");
        Map<String, String> queryParams = params;
        Map<String, String> links = new HashMap<>();

        // region SortSpec
        SortSpec<Typed> typed = SortSpec.builder(Typed.class)
                .field("instant")
                .field("total", "price.total") // a path into an embeddable
                .tieBreaker("id") // default: the entity's id attribute
                .defaultSort("-instant")
                .pageSize(20, 100)
                .build();
        // endregion
        assertThat(typed.defaultSize()).isEqualTo(20);
        SortSpec<Event> spec = SortSpec.builder(Event.class).field("createdAt").build();

        // region CursorCodec
        CursorCodec codec = CursorCodec.builder()
                .signingKey("2026-11", secret) // at least 32 random bytes
                .verificationKey("2026-10", oldSecret) // still accepted during rotation
                .timeToLive(Duration.ofHours(24))
                .build();
        // endregion

        // region Paginator.builder
        Paginator<Event> built =
                Paginator.builder(emf, spec).cursorKey("2026-11", cursorSecret).build();
        // endregion

        DB.txRun(em -> {
            // region Paginator
            Paginator<Event> events = Paginator.of(emf, spec, codec);
            PageRequest request = PageRequest.parse(spec, params::get); // 400 on bad input
            KeysetPage<Event> page = events.keyset(em, request);
            // endregion
            assertThat(page.items()).hasSize(10);

            PageQuery<Event> query = PageQuery.of(Event.class);
            Paginator<Event> paginator = built;
            // region KeysetPage
            KeysetPage<Event> next = paginator.keyset(em, query, request);
            next.nextCursor().ifPresent(c -> links.put("next", "/events?cursor=" + c));
            // endregion
            assertThat(links).containsKey("next");

            // region PageRequest
            PageRequest parsed = PageRequest.parse(spec, queryParams::get);
            // endregion
            assertThat(parsed.size()).isEqualTo(10);
        });
    }

    @Test
    void queries() {
        String text = "hello";
        long min = 0;
        // region PageQuery
        PageQuery<Note> byCriteria = PageQuery.of(Note.class)
                .where("text=" + text, (root, q, cb) -> cb.equal(root.get("text"), text))
                .fetch("author");
        PageQuery<Note> byJpql = PageQuery.jpql(Note.class, "n", "n.text = :text and n.id > :min")
                .parameter("text", text)
                .parameter("min", min);
        // endregion
        assertThat(byCriteria.filterKey()).isNotEqualTo(byJpql.filterKey());
    }

    @Test
    void helpers() throws SQLException {
        // Accounts are audited; the auditor is process-wide, so install the one the helper tests use.
        AuditListener.install(dev.groundwork.persistence.audit.Auditor.of(HelpersTest.clock(), HelpersTest.USER::get));
        EntityManagerFactory emf = DB.emf;
        long id = 91;
        DB.txRun(em -> em.persist(new Account(id, 3)));
        // region TransactionTemplate
        TransactionTemplate tx = TransactionTemplate.builder(emf).maxAttempts(3).build();
        Account account = tx.call(em -> em.find(Account.class, id));
        // endregion
        assertThat(account.balance).isEqualTo(3);

        List<Reading> rows = List.of(new Reading(0.5), new Reading(0.25));
        // region BatchWriter
        tx.run(em -> {
            try (BatchWriter batch = BatchWriter.of(em, 500)) {
                rows.forEach(batch::persist);
            }
        });
        // endregion

        DataSource pooledDataSource = DB.pool;
        // region StatementCounter
        StatementCounter counter = StatementCounter.create();
        DataSource dataSource = counter.wrap(pooledDataSource);
        // ... build the EntityManagerFactory on dataSource ...
        try (StatementRecording r = counter.start()) {
            countEvents(dataSource);
            r.assertSelects(1);
        }
        // endregion

        // region StatementRecording
        try (StatementRecording r = counter.start()) {
            countEvents(dataSource);
            r.assertSelects(1).assertNoRepeatedSelects(3);
        }
        // endregion
    }

    @Test
    void auditedEntities() {
        // region Audited
        @Entity
        @EntityListeners(AuditListener.class)
        class Order implements Audited {
            Instant createdAt;
            String createdBy;
            Instant updatedAt;
            String updatedBy;

            @Override
            public void markCreated(Instant at, String by) {
                createdAt = at;
                createdBy = by;
            }

            @Override
            public void markUpdated(Instant at, String by) {
                updatedAt = at;
                updatedBy = by;
            }
        }
        // endregion
        Order order = new Order();
        new AuditListener(dev.groundwork.persistence.audit.Auditor.of(
                        java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC), () -> "alice"))
                .beforeInsert(order);
        assertThat(order.createdBy).isEqualTo("alice");
        assertThat(order.createdAt).isEqualTo(Instant.EPOCH);
        assertThat(order.updatedBy).isEqualTo("alice"); // a new row counts as updated at creation
    }

    private static void countEvents(DataSource ds) throws SQLException {
        try (Connection connection = ds.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("select count(*) from event").close();
            connection.rollback();
        }
    }
}
