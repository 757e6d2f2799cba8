package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.groundwork.persistence.audit.AuditListener;
import dev.groundwork.persistence.audit.Auditor;
import dev.groundwork.persistence.batch.BatchWriter;
import dev.groundwork.persistence.jdbc.RecordedStatement;
import dev.groundwork.persistence.jdbc.StatementKind;
import dev.groundwork.persistence.jdbc.StatementRecording;
import dev.groundwork.persistence.tx.TransactionTemplate;
import dev.groundwork.testing.TestClock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transaction template with retry, auditing, batch writer and statement counter, on real PostgreSQL. */
class HelpersTest {
    static final Db DB = Db.get();
    static final TestClock CLOCK = TestClock.at(Instant.parse("2026-11-22T09:00:00Z"));
    static final AtomicReference<String> USER = new AtomicReference<>("alice");

    static {
        AuditListener.install(Auditor.of(clock(), USER::get));
    }

    static java.time.Clock clock() {
        return CLOCK;
    }

    final List<Duration> sleeps = new ArrayList<>();

    TransactionTemplate.Builder template() {
        return TransactionTemplate.builder(DB.emf).sleeper(sleeps::add);
    }

    static Account account(long id) {
        return DB.tx(em -> em.find(Account.class, id));
    }

    static long balance(long id) {
        return account(id).balance;
    }

    @BeforeEach
    void clean() {
        DB.txRun(em -> {
            em.createQuery("delete from Account").executeUpdate();
            em.createQuery("delete from Reading").executeUpdate();
        });
        CLOCK.set(Instant.parse("2026-11-22T09:00:00Z"));
        USER.set("alice");
    }

    @Test
    void retriesARealOptimisticLockConflictAndCommitsOnce() {
        DB.txRun(em -> em.persist(new Account(1, 100)));
        TransactionTemplate tx = template().maxAttempts(3).build();
        AtomicInteger attempts = new AtomicInteger();
        long balance = tx.call(em -> {
            Account a = em.find(Account.class, 1L);
            if (attempts.incrementAndGet() == 1) {
                // Another transaction changes the row between our read and our commit.
                DB.txRun(other -> other.find(Account.class, 1L).balance += 1000);
            }
            a.balance += 1;
            return a.balance;
        });
        assertThat(attempts).hasValue(2);
        assertThat(balance).isEqualTo(1101);
        assertThat(balance(1)).isEqualTo(1101);
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(10));
    }

    @Test
    void givesUpAfterMaxAttemptsWithEveryFailureAttached() {
        DB.txRun(em -> em.persist(new Account(2, 0)));
        TransactionTemplate tx = template()
                .maxAttempts(3)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(8))
                .build();
        AtomicInteger attempts = new AtomicInteger();
        Throwable thrown = catchThrowable(() -> tx.run(em -> {
            attempts.incrementAndGet();
            Account a = em.find(Account.class, 2L);
            DB.txRun(other -> other.find(Account.class, 2L).balance += 1);
            a.balance += 100;
        }));
        assertThat(attempts).hasValue(3);
        assertThat(thrown).isInstanceOfAny(RollbackException.class, OptimisticLockException.class);
        assertThat(thrown.getSuppressed()).hasSize(2);
        assertThat(balance(2)).isEqualTo(3);
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(8)));
    }

    @Test
    void otherFailuresRollBackWithoutRetry() {
        TransactionTemplate tx = template().maxAttempts(5).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> tx.run(em -> {
                    attempts.incrementAndGet();
                    em.persist(new Account(3, 1));
                    em.flush();
                    throw new IllegalStateException("business rule");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("business rule");
        assertThat(attempts).hasValue(1);
        assertThat(account(3)).isNull();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retriesSerializationFailuresFoundInTheCauseChain() {
        TransactionTemplate tx = template().build();
        AtomicInteger attempts = new AtomicInteger();
        String result = tx.call(em -> {
            if (attempts.incrementAndGet() < 3) {
                throw new PersistenceException(
                        "could not serialize", new SQLException("could not serialize access", "40001"));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        // A deadlock (40P01) is a conflict and retried; a unique violation (23505) is not.
        AtomicInteger deadlocks = new AtomicInteger();
        String afterDeadlock = tx.call(em -> {
            if (deadlocks.incrementAndGet() < 2) {
                throw new PersistenceException("deadlock", new SQLException("deadlock", "40P01"));
            }
            return "after deadlock";
        });
        assertThat(afterDeadlock).isEqualTo("after deadlock");
        AtomicInteger uniques = new AtomicInteger();
        assertThatThrownBy(() -> tx.call(em -> {
                    uniques.incrementAndGet();
                    throw new PersistenceException("unique", new SQLException("unique", "23505"));
                }))
                .isInstanceOf(PersistenceException.class);
        assertThat(uniques).hasValue(1);
    }

    @Test
    void realSerializationConflictIsRetried() {
        DB.txRun(em -> em.persist(new Account(4, 0)));
        TransactionTemplate tx = template().maxAttempts(4).build();
        AtomicInteger attempts = new AtomicInteger();
        tx.run(em -> {
            em.createNativeQuery("set transaction isolation level serializable").executeUpdate();
            long seen = ((Number) em.createNativeQuery("select balance from account where id = 4")
                            .getSingleResult())
                    .longValue();
            if (attempts.incrementAndGet() == 1) {
                DB.sql("update account set balance = balance + 10, version = version + 1 where id = 4");
            }
            em.createNativeQuery("update account set balance = " + (seen + 1) + " where id = 4")
                    .executeUpdate();
        });
        assertThat(attempts).hasValue(2);
        assertThat(balance(4)).isEqualTo(11);
    }

    @Test
    void interruptedBackoffStopsRetrying() {
        TransactionTemplate tx = TransactionTemplate.builder(DB.emf)
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .build();
        AtomicInteger attempts = new AtomicInteger();
        try {
            assertThatThrownBy(() -> tx.run(em -> {
                        attempts.incrementAndGet();
                        throw new OptimisticLockException("conflict");
                    }))
                    .isInstanceOf(OptimisticLockException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(attempts).hasValue(1);
    }

    @Test
    void templateRefusesNonsense() {
        assertThatThrownBy(() -> TransactionTemplate.builder(DB.emf).maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionTemplate.builder(DB.emf).maxAttempts(11))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> TransactionTemplate.builder(DB.emf).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionTemplate.builder(DB.emf).backoff(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionTemplate.builder(DB.emf).backoff(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void auditingStampsCreateAndUpdateWithClockAndUser() {
        TransactionTemplate tx = template().build();
        tx.run(em -> em.persist(new Account(5, 0)));
        Account created = account(5);
        assertThat(created.createdAt).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(created.createdBy).isEqualTo("alice");
        assertThat(created.updatedAt).isEqualTo(created.createdAt);

        CLOCK.set(Instant.parse("2026-11-22T10:30:00.123456Z"));
        USER.set("bob");
        tx.run(em -> em.find(Account.class, 5L).balance = 7);
        Account updated = account(5);
        assertThat(updated.createdAt).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(updated.createdBy).isEqualTo("alice");
        assertThat(updated.updatedAt).isEqualTo(Instant.parse("2026-11-22T10:30:00.123456Z"));
        assertThat(updated.updatedBy).isEqualTo("bob");

        // No change, no update stamp.
        CLOCK.set(Instant.parse("2026-11-22T11:00:00Z"));
        tx.run(em -> em.find(Account.class, 5L));
        assertThat(account(5).updatedAt).isEqualTo(Instant.parse("2026-11-22T10:30:00.123456Z"));

        USER.set(null);
        tx.run(em -> em.persist(new Account(6, 0)));
        assertThat(account(6).createdBy).isNull();
    }

    @Test
    void listenerWithItsOwnAuditorIgnoresOtherEntities() {
        Auditor auditor = Auditor.of(clock(), () -> "carol");
        AuditListener listener = new AuditListener(auditor);
        Account a = new Account(9, 0);
        listener.beforeInsert(a);
        assertThat(a.createdBy).isEqualTo("carol");
        listener.beforeUpdate("not audited");
        assertThatThrownBy(() -> new AuditListener(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void batchWriterFlushesInJdbcBatchesAndKeepsTheContextSmall() {
        DB.txRun(em -> {
            try (StatementRecording r = DB.counter.start()) {
                Reading first = new Reading(-1);
                try (BatchWriter batch = BatchWriter.of(em, 100)) {
                    batch.persist(first);
                    for (int i = 1; i < 1050; i++) {
                        batch.persist(new Reading(i));
                        if (i == 150) {
                            assertThat(em.contains(first))
                                    .as("cleared after the first flush")
                                    .isFalse();
                        }
                    }
                    assertThat(batch.written()).isEqualTo(1050);
                }
                List<RecordedStatement> inserts = r.statements().stream()
                        .filter(s -> s.kind() == StatementKind.INSERT)
                        .toList();
                assertThat(inserts).hasSize(11);
                assertThat(inserts.subList(0, 10))
                        .allSatisfy(s -> assertThat(s.batchSize()).isEqualTo(100));
                assertThat(inserts.get(10).batchSize()).isEqualTo(50);
            }
        });
        long rows = DB.tx(em ->
                em.createQuery("select count(r) from Reading r", Long.class).getSingleResult());
        assertThat(rows).isEqualTo(1050);
    }

    @Test
    void batchWriterNeedsATransactionAndASaneSize() {
        EntityManager em = DB.emf.createEntityManager();
        try {
            assertThatThrownBy(() -> BatchWriter.of(em, 10)).isInstanceOf(IllegalStateException.class);
            em.getTransaction().begin();
            assertThatThrownBy(() -> BatchWriter.of(em, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BatchWriter.of(em, 10_001)).isInstanceOf(IllegalArgumentException.class);
            em.getTransaction().rollback();
        } finally {
            em.close();
        }
    }

    @Test
    void statementCounterCatchesNPlusOneAndTheFetchFixesIt() {
        DB.txRun(em -> {
            em.createQuery("delete from Note").executeUpdate();
            em.createQuery("delete from Author").executeUpdate();
            for (long id = 1; id <= 8; id++) {
                Author a = new Author(id, "author" + id);
                em.persist(a);
                em.persist(new Note(id, "note" + id, a));
            }
        });
        SortSpec<Note> spec = SortSpec.builder(Note.class).field("text").build();
        Paginator<Note> notes = Paginator.of(DB.emf, spec, CursorSecurityTest.CODEC);
        DB.txRun(em -> {
            try (StatementRecording r = DB.counter.start()) {
                KeysetPage<Note> page = notes.keyset(
                        em, PageQuery.of(Note.class), PageRequest.builder(spec).build());
                page.items().forEach(n -> assertThat(n.author.getName()).startsWith("author"));
                assertThat(r.count(StatementKind.SELECT)).isEqualTo(9);
                assertThatThrownBy(() -> r.assertNoRepeatedSelects(3))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("N+1")
                        .hasMessageContaining("8 x ");
                assertThatThrownBy(() -> r.assertSelects(1))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("expected 1 SELECT statement(s) but saw 9");
            }
            em.clear();
            try (StatementRecording r = DB.counter.start()) {
                KeysetPage<Note> page = notes.keyset(
                        em,
                        PageQuery.of(Note.class).fetch("author"),
                        PageRequest.builder(spec).build());
                page.items().forEach(n -> assertThat(n.author.getName()).startsWith("author"));
                r.assertSelects(1).assertNoRepeatedSelects(2);
                assertThat(r.statements().get(0).sql()).containsIgnoringCase("join");
            }
        });
        SortSpec<Author> authors = SortSpec.builder(Author.class).field("name").build();
        assertThat(authors.fieldNames()).containsExactly("name");
    }

    @Test
    void recordingSeesOnlyItsOwnThreadAndStopsWhenClosed() throws InterruptedException {
        StatementRecording r = DB.counter.start();
        Thread other =
                new Thread(() -> DB.txRun(em -> em.createNativeQuery("select 1").getResultList()));
        other.start();
        other.join();
        assertThat(r.total()).isZero();
        DB.txRun(em -> em.createNativeQuery("select 2").getResultList());
        assertThat(r.count(StatementKind.SELECT)).isEqualTo(1);
        r.close();
        DB.txRun(em -> em.createNativeQuery("select 3").getResultList());
        assertThat(r.statements()).extracting(RecordedStatement::sql).containsExactly("select 2");
        assertThatThrownBy(() -> r.assertNoRepeatedSelects(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jdbcStatementsAreCountedWithTheirParametersAndBatches() throws SQLException {
        try (StatementRecording r = DB.counter.start();
                java.sql.Connection c = DB.dataSource.getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("select 1");
            assertThat(s.getConnection()).isSameAs(c);
            try (java.sql.PreparedStatement ps = s.getConnection().prepareStatement("select ?::int + ?::int")) {
                ps.setInt(1, 7);
                ps.setObject(2, null);
                ps.executeQuery().close();
            }
            s.addBatch("create temporary table t (x int)");
            s.addBatch("insert into t values (1)");
            s.executeBatch();
            c.rollback();
            assertThat(r.statements())
                    .extracting(RecordedStatement::sql)
                    .containsExactly(
                            "select 1",
                            "select ?::int + ?::int",
                            "create temporary table t (x int)",
                            "insert into t values (1)");
            assertThat(r.statements().get(1).parameters()).containsExactly(7, null);
            assertThat(r.statements())
                    .extracting(RecordedStatement::kind)
                    .containsExactly(
                            StatementKind.SELECT, StatementKind.SELECT, StatementKind.OTHER, StatementKind.INSERT);
        }
    }
}
