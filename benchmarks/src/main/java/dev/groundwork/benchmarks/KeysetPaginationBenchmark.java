package dev.groundwork.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.groundwork.persistence.CountMode;
import dev.groundwork.persistence.CursorCodec;
import dev.groundwork.persistence.KeysetPage;
import dev.groundwork.persistence.OffsetPage;
import dev.groundwork.persistence.PageQuery;
import dev.groundwork.persistence.PageRequest;
import dev.groundwork.persistence.Paginator;
import dev.groundwork.persistence.SeekShape;
import dev.groundwork.persistence.SortSpec;
import dev.groundwork.persistence.jdbc.StatementCounter;
import dev.groundwork.persistence.jdbc.StatementRecording;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per page of 50 rows at increasing depth in a table of 1 000 000 rows on embedded PostgreSQL 17, index
 * {@code (created_at, id)}, order {@code created_at DESC, id DESC}. Each call is one request as a service would
 * run it: an entity manager, a transaction, the page, the next-page cursor.
 *
 * <ul>
 *   <li>{@code keyset}: persistence-kit with the default bounded-OR seek (cursor decoded and checked, entities
 *       loaded by Hibernate 7, next cursor signed).
 *   <li>{@code keysetPlainOr}: persistence-kit with the plain OR seek, the shape Spring Data and Hibernate's
 *       {@code KeyedPage} emit.
 *   <li>{@code keysetRowValueJpql}: persistence-kit on a JPQL query with the row-value seek
 *       {@code (created_at, id) < (?, ?)}.
 *   <li>{@code offset}: persistence-kit offset page at the same depth, no count ({@code OFFSET n LIMIT 51}).
 *   <li>{@code handSqlRowValue}: the hand-written seek {@code where (created_at, id) < (?, ?) ... limit 51} as a
 *       native query through the same entity manager, mapped to the same entities.
 *   <li>{@code handSqlRowValueBoundLimit}: the same with {@code limit ?}, bound the way JPA's
 *       {@code setMaxResults} binds it.
 *   <li>{@code handCriteriaSeek}: the bounded-OR seek written by hand with the Criteria API, selecting the entity
 *       only: what persistence-kit adds over plain Criteria.
 *   <li>{@code handSqlRowValueJdbc}: the literal-limit SQL on plain JDBC, reading three columns: the floor.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar KeysetPaginationBenchmark}. The table is built once
 * in a data directory under {@code java.io.tmpdir} and reused by later forks. PostgreSQL session options for an
 * experiment: {@code -jvmArgsAppend -Dbench.pgOptions=-cplan_cache_mode=force_generic_plan}; Hibernate settings:
 * {@code -jvmArgsAppend -Dhibernate.some.setting=value}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class KeysetPaginationBenchmark {
    static final int ROWS = 1_000_000;
    static final int SIZE = 50;
    static final String HAND_SQL = "select * from bench_event where (created_at, id) < (?, ?)"
            + " order by created_at desc, id desc limit " + (SIZE + 1);
    static final String HAND_SQL_BOUND_LIMIT =
            "select * from bench_event where (created_at, id) < (?, ?)" + " order by created_at desc, id desc limit ?";

    /** Rows before the page. */
    @Param({"0", "10000", "100000", "999950"})
    public int depth;

    final StatementCounter counter = StatementCounter.create();
    EmbeddedPostgres postgres;
    HikariDataSource pool;
    EntityManagerFactory emf;
    SortSpec<BenchEvent> spec;
    Paginator<BenchEvent> bounded;
    Paginator<BenchEvent> plainOr;
    Paginator<BenchEvent> rowValue;
    PageQuery<BenchEvent> jpqlQuery;
    PageQuery<BenchEvent> query;
    PageRequest keysetRequest;
    PageRequest jpqlRequest;
    PageRequest offsetRequest;
    OffsetDateTime anchorCreatedAt;
    long anchorId;

    /** Starts PostgreSQL, loads the table once, and finds the cursor of the row just before the page. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "groundwork-bench-pg17-" + ROWS);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(55432)
                .setPGStartupWait(java.time.Duration.ofSeconds(120))
                .start();
        HikariConfig config = new HikariConfig();
        javax.sql.DataSource ds = postgres.getPostgresDatabase();
        String options = System.getProperty("bench.pgOptions");
        if (options != null) {
            ((org.postgresql.ds.PGSimpleDataSource) ds).setOptions(options);
        }
        config.setDataSource(ds);
        config.setMaximumPoolSize(2);
        config.setAutoCommit(false);
        pool = new HikariDataSource(config);
        load();
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.nonJtaDataSource", counter.wrap(pool));
        props.put("hibernate.connection.provider_disables_autocommit", "true");
        // Extra Hibernate settings for experiments: -jvmArgsAppend -Dhibernate.x=y
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("hibernate.")) {
                props.put(k.toString(), v);
            }
        });
        emf = Persistence.createEntityManagerFactory("groundwork-bench", props);
        spec = SortSpec.builder(BenchEvent.class)
                .field("createdAt")
                .notNull("createdAt")
                .defaultSort("-createdAt")
                .pageSize(SIZE, 100)
                .build();
        CursorCodec codec = CursorCodec.builder()
                .signingKey("bench", "benchmark-benchmark-benchmark-be".getBytes(StandardCharsets.US_ASCII))
                .build();
        bounded = Paginator.of(emf, spec, codec, SeekShape.BOUNDED_OR);
        plainOr = Paginator.of(emf, spec, codec, SeekShape.PLAIN_OR);
        rowValue = Paginator.of(emf, spec, codec, SeekShape.ROW_VALUE);
        jpqlQuery = PageQuery.jpql(BenchEvent.class, "e", "");
        query = PageQuery.of(BenchEvent.class);
        offsetRequest = PageRequest.builder(spec).page(depth / SIZE + 1).build();
        if (depth == 0) {
            keysetRequest = PageRequest.builder(spec).build();
            jpqlRequest = keysetRequest;
            anchorCreatedAt = OffsetDateTime.parse("9999-01-01T00:00:00Z");
            anchorId = Long.MAX_VALUE;
        } else {
            // The row just before the page, by one offset read of page size 1, and its cursor.
            KeysetPage<BenchEvent> before = inTransaction(em -> bounded.keyset(
                    em, query, PageRequest.builder(spec).size(1).page(depth).build()));
            keysetRequest = PageRequest.builder(spec)
                    .cursor(before.nextCursor().orElseThrow())
                    .build();
            // Cursors are bound to their query: the JPQL query needs its own.
            KeysetPage<BenchEvent> jpqlBefore = inTransaction(em -> rowValue.keyset(
                    em, jpqlQuery, PageRequest.builder(spec).size(1).page(depth).build()));
            jpqlRequest = PageRequest.builder(spec)
                    .cursor(jpqlBefore.nextCursor().orElseThrow())
                    .build();
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("select created_at, id from bench_event"
                            + " order by created_at desc, id desc offset ? limit 1")) {
                ps.setInt(1, depth - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    anchorCreatedAt = rs.getObject(1, OffsetDateTime.class);
                    anchorId = rs.getLong(2);
                }
                c.rollback();
            }
            if (before.items().get(0).id() != anchorId) {
                throw new IllegalStateException("the cursor row and the SQL anchor differ");
            }
        }
        check();
    }

    private void load() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_event"
                    + " (id bigint primary key, created_at timestamp(6) with time zone not null, kind text not null)");
            try (ResultSet rs = s.executeQuery("select count(*) from bench_event")) {
                rs.next();
                if (rs.getLong(1) != ROWS) {
                    s.execute("truncate bench_event");
                    // About three rows per second with distinct microseconds: duplicates for the tie-breaker.
                    s.execute("insert into bench_event select g, timestamptz '2026-01-01 00:00:00+00'"
                            + " + (g / 3) * interval '1 second' + (g % 7) * interval '1 microsecond',"
                            + " 'kind' || (g % 10) from generate_series(1, " + ROWS + ") g");
                    s.execute("create index if not exists bench_event_created_id on bench_event (created_at, id)");
                }
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("vacuum analyze bench_event");
            c.setAutoCommit(false);
        }
    }

    /** Every contender must return the same 50 rows, or the comparison means nothing. */
    private void check() throws SQLException {
        List<Long> expected = handSqlRowValueJdbc();
        for (Function<KeysetPaginationBenchmark, List<Long>> contender :
                List.<Function<KeysetPaginationBenchmark, List<Long>>>of(
                        b -> ids(b.keyset().items()),
                        b -> ids(b.keysetPlainOr().items()),
                        b -> ids(b.keysetRowValueJpql().items()),
                        b -> ids(b.offset().items()),
                        b -> ids(b.handSqlRowValue()),
                        b -> ids(b.handSqlRowValueBoundLimit()),
                        b -> ids(b.handCriteriaSeek()))) {
            List<Long> actual;
            try (StatementRecording r = counter.start()) {
                actual = contender.apply(this);
                if (r.total() != 1) {
                    throw new IllegalStateException("expected one statement per page, saw " + r.statements());
                }
            }
            if (!actual.equals(expected)) {
                throw new IllegalStateException("contenders disagree: " + actual + " vs " + expected);
            }
        }
    }

    private static List<Long> ids(List<BenchEvent> events) {
        List<Long> ids = new ArrayList<>(events.size());
        for (BenchEvent e : events) {
            ids.add(e.id());
        }
        return ids;
    }

    /** Stops everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        emf.close();
        pool.close();
        postgres.close();
    }

    private <R> R inTransaction(Function<EntityManager, R> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            R result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            em.close();
        }
    }

    /**
     * persistence-kit keyset, bounded OR seek.
     *
     * @return the page
     */
    @Benchmark
    public KeysetPage<BenchEvent> keyset() {
        return inTransaction(em -> {
            KeysetPage<BenchEvent> page = bounded.keyset(em, query, keysetRequest);
            page.nextCursor();
            return page;
        });
    }

    /**
     * persistence-kit keyset, plain OR seek.
     *
     * @return the page
     */
    @Benchmark
    public KeysetPage<BenchEvent> keysetPlainOr() {
        return inTransaction(em -> {
            KeysetPage<BenchEvent> page = plainOr.keyset(em, query, keysetRequest);
            page.nextCursor();
            return page;
        });
    }

    /**
     * persistence-kit keyset on a JPQL query with the row-value seek.
     *
     * @return the page
     */
    @Benchmark
    public KeysetPage<BenchEvent> keysetRowValueJpql() {
        return inTransaction(em -> {
            KeysetPage<BenchEvent> page = rowValue.keyset(em, jpqlQuery, jpqlRequest);
            page.nextCursor();
            return page;
        });
    }

    /**
     * persistence-kit offset page without a count.
     *
     * @return the page
     */
    @Benchmark
    public OffsetPage<BenchEvent> offset() {
        return inTransaction(em -> bounded.offset(em, query, offsetRequest, CountMode.none()));
    }

    /**
     * Hand-written row-value seek, native query through JPA.
     *
     * @return the rows
     */
    @Benchmark
    @SuppressWarnings("unchecked")
    public List<BenchEvent> handSqlRowValue() {
        return inTransaction(em -> {
            List<BenchEvent> rows = em.createNativeQuery(HAND_SQL, BenchEvent.class)
                    .setParameter(1, anchorCreatedAt)
                    .setParameter(2, anchorId)
                    .getResultList();
            return rows.size() > SIZE ? rows.subList(0, SIZE) : rows;
        });
    }

    /**
     * Hand-written Criteria seek (bounded OR) selecting the entity only: what the Criteria API costs by itself.
     *
     * @return the rows
     */
    @Benchmark
    public List<BenchEvent> handCriteriaSeek() {
        return inTransaction(em -> {
            jakarta.persistence.criteria.CriteriaBuilder cb = em.getCriteriaBuilder();
            jakarta.persistence.criteria.CriteriaQuery<BenchEvent> cq = cb.createQuery(BenchEvent.class);
            jakarta.persistence.criteria.Root<BenchEvent> root = cq.from(BenchEvent.class);
            jakarta.persistence.criteria.Path<java.time.Instant> t = root.get("createdAt");
            jakarta.persistence.criteria.Path<Long> id = root.get("id");
            java.time.Instant at = anchorCreatedAt.toInstant();
            cq.where(
                    cb.lessThanOrEqualTo(t, at),
                    cb.or(cb.lessThan(t, at), cb.and(cb.equal(t, at), cb.lessThan(id, anchorId))));
            cq.orderBy(cb.desc(t), cb.desc(id));
            List<BenchEvent> rows = em.createQuery(cq).setMaxResults(SIZE + 1).getResultList();
            return rows.size() > SIZE ? rows.subList(0, SIZE) : rows;
        });
    }

    /**
     * The hand-written row-value seek with its limit bound as a parameter, as JPA's {@code setMaxResults} does.
     *
     * @return the rows
     */
    @Benchmark
    @SuppressWarnings("unchecked")
    public List<BenchEvent> handSqlRowValueBoundLimit() {
        return inTransaction(em -> {
            List<BenchEvent> rows = em.createNativeQuery(HAND_SQL_BOUND_LIMIT, BenchEvent.class)
                    .setParameter(1, anchorCreatedAt)
                    .setParameter(2, anchorId)
                    .setParameter(3, SIZE + 1)
                    .getResultList();
            return rows.size() > SIZE ? rows.subList(0, SIZE) : rows;
        });
    }

    /**
     * Hand-written row-value seek on plain JDBC.
     *
     * @return the ids
     * @throws SQLException never expected
     */
    @Benchmark
    public List<Long> handSqlRowValueJdbc() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(HAND_SQL)) {
            ps.setObject(1, anchorCreatedAt);
            ps.setLong(2, anchorId);
            List<Long> ids = new ArrayList<>(SIZE + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && ids.size() < SIZE) {
                    ids.add(rs.getLong(1));
                    rs.getObject(2, OffsetDateTime.class);
                    rs.getString(3);
                }
            }
            c.commit();
            return ids;
        }
    }
}
