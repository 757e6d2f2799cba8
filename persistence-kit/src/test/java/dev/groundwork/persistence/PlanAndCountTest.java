package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.groundwork.persistence.jdbc.RecordedStatement;
import dev.groundwork.persistence.jdbc.StatementRecording;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.hibernate.Version;
import org.hibernate.stat.Statistics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On 200 000 rows with an index on (created_at, id): the bounded seek is an index condition that starts at the
 * cursor (a handful of buffers at depth 100 000) while the plain OR filters from the first row; one statement per
 * keyset page; offset pages and each count mode.
 */
class PlanAndCountTest {
    static final Db DB = Db.get();
    static final int ROWS = 200_000;
    static final CursorCodec CODEC = CursorCodec.builder()
            .signingKey("k", "plans-plans-plans-plans-plans-pla".getBytes(StandardCharsets.US_ASCII))
            .build();
    static final SortSpec<Event> SPEC = SortSpec.builder(Event.class)
            .field("createdAt")
            .field("kind")
            .defaultSort("-createdAt")
            .pageSize(20, 100)
            .build();
    static final PageQuery<Event> ALL = PageQuery.of(Event.class);
    static final PageQuery<Event> RARE =
            PageQuery.of(Event.class).where("kind=rare", (root, q, cb) -> cb.equal(root.get("kind"), "rare"));

    @BeforeAll
    static void load() {
        DB.sql(
                "truncate event",
                "insert into event (id, created_at, kind) select g, timestamptz '2026-01-01 00:00:00+00'"
                        + " + (g / 3) * interval '1 second' + (g % 7) * interval '1 microsecond',"
                        + " case when g % 4000 = 0 then 'rare' else 'common' end"
                        + " from generate_series(1, " + ROWS + ") g",
                "analyze event");
    }

    record Plan(String text, long buffers) {}

    /** Runs EXPLAIN (ANALYZE, BUFFERS) on the statement a keyset page sent, with the parameters it bound. */
    static Plan explain(RecordedStatement statement) {
        try (Connection c = DB.pool.getConnection();
                PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + statement.sql())) {
            for (int i = 0; i < statement.parameters().size(); i++) {
                ps.setObject(i + 1, statement.parameters().get(i));
            }
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sb.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
            Matcher m = Pattern.compile("Buffers: shared hit=(\\d+)(?: read=(\\d+))?")
                    .matcher(sb);
            long buffers = 0;
            if (m.find()) {
                buffers = Long.parseLong(m.group(1)) + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
            }
            return new Plan(sb.toString(), buffers);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static RecordedStatement deepPageStatement(SeekShape shape) {
        return deepPageStatement(SPEC, shape, ALL);
    }

    static RecordedStatement deepPageStatement(SortSpec<Event> spec, SeekShape shape, PageQuery<Event> query) {
        Paginator<Event> paginator = Paginator.of(DB.emf, spec, CODEC, shape);
        String cursor = DB.tx(em -> paginator.keyset(
                        em,
                        query,
                        PageRequest.builder(spec).size(20).page(5_000).build()))
                .nextCursor()
                .orElseThrow();
        return DB.tx(em -> {
            try (StatementRecording r = DB.counter.start()) {
                KeysetPage<Event> page = paginator.keyset(
                        em,
                        query,
                        PageRequest.builder(spec).size(20).cursor(cursor).build());
                assertThat(page.items()).hasSize(20);
                r.assertSelects(1);
                assertThat(r.total()).isEqualTo(1);
                return r.statements().get(0);
            }
        });
    }

    static List<Long> ids(String orderBy, int offset, int limit) {
        return DB.tx(em -> {
            List<Long> ids = new ArrayList<>();
            for (Object o : em.createNativeQuery(
                            "select id from event " + orderBy + " offset " + offset + " limit " + limit)
                    .getResultList()) {
                ids.add(((Number) o).longValue());
            }
            return ids;
        });
    }

    @Test
    void boundedSeekIsAnIndexConditionAtDepth() {
        RecordedStatement statement = deepPageStatement(SeekShape.BOUNDED_OR);
        assertThat(statement.sql()).contains("<=");
        // Under the bound, the leading key's equality is redundant and left out (it made planning slower).
        assertThat(statement.sql()).doesNotContainPattern("created_at\\s*=\\s*\\?");
        Plan plan = explain(statement);
        assertThat(plan.text()).containsPattern("Index Scan Backward using event_created_id");
        assertThat(plan.text()).containsPattern("Index Cond: \\((\\w+\\.)?created_at <= ");
        assertThat(plan.buffers()).as(plan.text()).isLessThan(50);
    }

    @Test
    void criteriaPagesOfOneShapeShareHibernatesTranslation() {
        // Hibernate 6.6 runs the same pages correctly (the rest of this suite) but never finds a Criteria query in
        // its plan cache, hint or not: 13 misses of 13 when this test ran on 6.6.33.
        assumeTrue(
                Version.getVersionString().compareTo("7") >= 0,
                "Hibernate " + Version.getVersionString() + " does not reuse Criteria translations");
        Statistics stats = DB.emf.unwrap(SessionFactory.class).getStatistics();
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC, SeekShape.BOUNDED_OR);
        // Warm the shapes: the first page (no seek), a page after a cursor, an offset page.
        String cursor = walk(paginator, ALL, null, 2);
        DB.tx(em -> paginator.offset(em, ALL, PageRequest.builder(SPEC).page(3).build(), CountMode.none()));
        boolean wasEnabled = stats.isStatisticsEnabled();
        stats.setStatisticsEnabled(true);
        stats.clear();
        try {
            // Ten more pages, each with a different cursor, and offset pages at other depths.
            walk(paginator, ALL, cursor, 10);
            for (int page = 4; page < 7; page++) {
                PageRequest request = PageRequest.builder(SPEC).page(page).build();
                DB.tx(em -> paginator.offset(em, ALL, request, CountMode.none()));
            }
            assertThat(stats.getQueryExecutionCount()).isEqualTo(13);
            assertThat(stats.getQueryPlanCacheMissCount()).isZero();
            assertThat(stats.getQueryPlanCacheHitCount()).isEqualTo(13);
        } finally {
            stats.setStatisticsEnabled(wasEnabled);
        }
    }

    @Test
    void aCachedTranslationNeverCarriesAnotherQuerysLiteral() {
        // Literals are part of the statement's text, so queries differing only in one must not share a plan.
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC, SeekShape.BOUNDED_OR);
        for (String kind : List.of("rare", "common", "rare", "none")) {
            PageQuery<Event> query = PageQuery.of(Event.class)
                    .where("literal kind=" + kind, (root, q, cb) -> cb.equal(root.get("kind"), cb.literal(kind)));
            for (int i = 0; i < 2; i++) {
                KeysetPage<Event> page = DB.tx(em -> paginator.keyset(
                        em, query, PageRequest.builder(SPEC).size(5).build()));
                assertThat(page.items()).allSatisfy(e -> assertThat(e.kind).isEqualTo(kind));
                assertThat(page.items()).hasSize(kind.equals("none") ? 0 : 5);
            }
        }
    }

    /** Reads pages after a cursor (or from the first) and answers the last page's next cursor. */
    private static String walk(Paginator<Event> paginator, PageQuery<Event> query, @Nullable String from, int pages) {
        String cursor = from;
        for (int i = 0; i < pages; i++) {
            PageRequest.Builder request = PageRequest.builder(SPEC);
            if (cursor != null) {
                request.cursor(cursor);
            }
            PageRequest built = request.build();
            cursor =
                    DB.tx(em -> paginator.keyset(em, query, built)).nextCursor().orElseThrow();
        }
        return Objects.requireNonNull(cursor);
    }

    @Test
    void aPagesLimitIsALiteralWhereHibernateIsTheProvider() {
        // 20 rows and one more, to know whether there is a next page: in the statement, not bound, so that
        // PostgreSQL can keep one plan for it (a bound limit made it plan every execution again).
        RecordedStatement criteria = deepPageStatement(SeekShape.BOUNDED_OR);
        assertThat(criteria.sql()).contains("fetch first 21 rows only").doesNotContain("fetch first ? rows");
        assertThat(criteria.parameters()).doesNotContain(21);
        Plan plan = explain(criteria);
        assertThat(plan.text()).contains("Limit");
        // A JPQL listing's text is built here around the user's fragment: Hibernate's HQL takes the literal too.
        SortSpec<Event> spec = SortSpec.builder(Event.class)
                .field("createdAt")
                .notNull("createdAt")
                .defaultSort("-createdAt")
                .build();
        RecordedStatement jpql = deepPageStatement(spec, SeekShape.ROW_VALUE, PageQuery.jpql(Event.class, "e", ""));
        assertThat(jpql.sql()).contains("fetch first 21 rows only").doesNotContain("fetch first ? rows");
        assertThat(jpql.parameters()).doesNotContain(21);
    }

    @Test
    void rowValueSeekOnJpqlIsAnIndexCondition() {
        SortSpec<Event> spec = SortSpec.builder(Event.class)
                .field("createdAt")
                .notNull("createdAt")
                .defaultSort("-createdAt")
                .build();
        RecordedStatement statement =
                deepPageStatement(spec, SeekShape.ROW_VALUE, PageQuery.jpql(Event.class, "e", ""));
        Plan plan = explain(statement);
        assertThat(plan.text()).containsPattern("Index Cond: \\(ROW\\(created_at, id\\) < ROW\\(");
        assertThat(plan.buffers()).as(plan.text()).isLessThan(50);
        // The same spec on a Criteria query falls back to the bounded OR, which selects the same rows.
        assertThat(deepPageStatement(spec, SeekShape.ROW_VALUE, ALL).sql()).contains("<=");
    }

    @Test
    void jpqlQueriesFilterCountAndBindTheirParameters() {
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        PageQuery<Event> rare =
                PageQuery.jpql(Event.class, "e", "e.kind = :kind").parameter("kind", "rare");
        PageQuery<Event> common =
                PageQuery.jpql(Event.class, "e", "e.kind = :kind").parameter("kind", "common");
        DB.txRun(em -> {
            OffsetPage<Event> counted = paginator.offset(
                    em, rare, PageRequest.builder(SPEC).size(10).build(), CountMode.exact());
            assertThat(counted.total()).isEqualTo(new Total.Exact(50));
            assertThat(paginator
                            .offset(em, rare, PageRequest.builder(SPEC).size(10).build(), CountMode.bounded(20))
                            .total())
                    .isEqualTo(new Total.MoreThan(20));
            assertThat(paginator
                            .offset(
                                    em,
                                    rare.distinct(),
                                    PageRequest.builder(SPEC).size(10).build(),
                                    CountMode.bounded(60))
                            .total())
                    .isEqualTo(new Total.Exact(50));
            List<Long> all = new ArrayList<>();
            KeysetPage<Event> page = paginator.keyset(
                    em, rare, PageRequest.builder(SPEC).size(15).build());
            all.addAll(page.items().stream().map(e -> e.id).toList());
            while (page.hasNext()) {
                page = paginator.keyset(
                        em,
                        rare,
                        PageRequest.builder(SPEC)
                                .size(15)
                                .cursor(page.nextCursor().orElseThrow())
                                .build());
                all.addAll(page.items().stream().map(e -> e.id).toList());
            }
            assertThat(all).hasSize(50).allSatisfy(id -> assertThat(id % 4000).isZero());
            String cursor = paginator
                    .keyset(em, rare, PageRequest.builder(SPEC).size(5).build())
                    .nextCursor()
                    .orElseThrow();
            assertThatThrownBy(() -> paginator.keyset(
                            em, common, PageRequest.builder(SPEC).cursor(cursor).build()))
                    .isInstanceOf(InvalidCursorException.class)
                    .extracting(e -> ((InvalidCursorException) e).reason())
                    .isEqualTo(InvalidCursorException.Reason.FILTER_MISMATCH);
            assertThat(paginator
                            .keyset(
                                    em,
                                    rare.filterKey("rare"),
                                    PageRequest.builder(SPEC).size(5).build())
                            .items())
                    .hasSize(5);
        });
        assertThatThrownBy(() -> PageQuery.jpql(Event.class, "e x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageQuery.jpql(Event.class, "e", "").parameter("gw_k0", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageQuery.jpql(Event.class, "e", "").where("k", (r, q, cb) -> cb.conjunction()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PageQuery.of(Event.class).parameter("a", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PageQuery.of(Event.class).fetch("a.b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainOrFiltersFromTheStart() {
        Plan plan = explain(deepPageStatement(SeekShape.PLAIN_OR));
        assertThat(plan.text()).doesNotContainPattern("Index Cond: \\((\\w+\\.)?created_at <");
        assertThat(plan.buffers()).as(plan.text()).isGreaterThan(1_000);
    }

    @Test
    void firstPageIsOneStatementAndUsesTheIndex() {
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        RecordedStatement statement = DB.tx(em -> {
            try (StatementRecording r = DB.counter.start()) {
                KeysetPage<Event> page =
                        paginator.keyset(em, ALL, PageRequest.builder(SPEC).build());
                assertThat(page.items()).hasSize(20);
                assertThat(page.hasNext()).isTrue();
                assertThat(page.hasPrevious()).isFalse();
                assertThat(page.items().get(0).id).isEqualTo(ROWS);
                r.assertSelects(1);
                return r.statements().get(0);
            }
        });
        Plan plan = explain(statement);
        assertThat(plan.text()).contains("Index Scan Backward using event_created_id");
        assertThat(plan.buffers()).isLessThan(50);
    }

    @Test
    void offsetPagesCountAsAsked() {
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        List<Long> expected = ids("order by created_at, id", 10, 10);
        DB.txRun(em -> {
            PageRequest page2 =
                    PageRequest.builder(SPEC).size(10).page(2).sort("createdAt").build();
            try (StatementRecording r = DB.counter.start()) {
                OffsetPage<Event> exact = paginator.offset(em, ALL, page2, CountMode.exact());
                assertThat(exact.total()).isEqualTo(new Total.Exact(ROWS));
                assertThat(exact.totalPages()).hasValue(ROWS / 10);
                assertThat(exact.items()).extracting(e -> e.id).isEqualTo(expected);
                assertThat(exact.number()).isEqualTo(2);
                assertThat(exact.hasNext()).isTrue();
                assertThat(exact.hasPrevious()).isTrue();
                r.assertSelects(2);
            }
            try (StatementRecording r = DB.counter.start()) {
                OffsetPage<Event> bounded = paginator.offset(em, ALL, page2, CountMode.bounded(10_000));
                assertThat(bounded.total()).isEqualTo(new Total.MoreThan(10_000));
                assertThat(bounded.total().toString()).isEqualTo("10000+");
                assertThat(bounded.totalPages()).isEmpty();
                r.assertSelects(2);
            }
            try (StatementRecording r = DB.counter.start()) {
                OffsetPage<Event> none = paginator.offset(em, ALL, page2, CountMode.none());
                assertThat(none.total()).isInstanceOf(Total.Unknown.class);
                r.assertSelects(1);
            }
            // 50 rare rows: a bounded count under the bound is exact (probe + count).
            try (StatementRecording r = DB.counter.start()) {
                OffsetPage<Event> rare = paginator.offset(
                        em, RARE, PageRequest.builder(SPEC).size(10).build(), CountMode.bounded(10_000));
                assertThat(rare.total()).isEqualTo(new Total.Exact(50));
                r.assertSelects(3);
            }
            // The last page proves the total: no count at all.
            try (StatementRecording r = DB.counter.start()) {
                OffsetPage<Event> last = paginator.offset(
                        em, RARE, PageRequest.builder(SPEC).size(20).page(3).build(), CountMode.exact());
                assertThat(last.items()).hasSize(10);
                assertThat(last.total()).isEqualTo(new Total.Exact(50));
                assertThat(last.hasNext()).isFalse();
                r.assertSelects(1);
            }
            // Past the end: empty, and counted because nothing proves the total.
            OffsetPage<Event> beyond = paginator.offset(
                    em, RARE, PageRequest.builder(SPEC).size(20).page(9).build(), CountMode.exact());
            assertThat(beyond.items()).isEmpty();
            assertThat(beyond.total()).isEqualTo(new Total.Exact(50));
        });
    }

    @Test
    void slicesReadOneRowMoreAndNeverCount() {
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        DB.txRun(em -> {
            List<Long> all = new ArrayList<>();
            for (int page = 1; page <= 6; page++) {
                try (StatementRecording r = DB.counter.start()) {
                    Slice<Event> slice = paginator.slice(
                            em,
                            RARE,
                            PageRequest.builder(SPEC).size(10).page(page).build());
                    r.assertSelects(1);
                    slice.items().forEach(e -> all.add(e.id));
                    assertThat(slice.hasNext()).isEqualTo(page < 5);
                    assertThat(slice.map(e -> e.id).items()).hasSize(page <= 5 ? 10 : 0);
                }
            }
            assertThat(all).hasSize(50).doesNotHaveDuplicates();
        });
    }

    @Test
    void keysetCanStartAtAnOffsetAndContinueByCursor() {
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        DB.txRun(em -> {
            KeysetPage<Event> jump = paginator.keyset(
                    em,
                    ALL,
                    PageRequest.builder(SPEC).size(10).sort("createdAt").page(3).build());
            assertThat(jump.items()).extracting(e -> e.id).isEqualTo(ids("order by created_at, id", 20, 10));
            assertThat(jump.hasPrevious()).isTrue();
            KeysetPage<Event> back = paginator.keyset(
                    em,
                    ALL,
                    PageRequest.builder(SPEC)
                            .size(10)
                            .cursor(jump.previousCursor().orElseThrow())
                            .build());
            assertThat(back.items()).extracting(e -> e.id).isEqualTo(ids("order by created_at, id", 10, 10));
            RelayConnection<Event> connection = back.toConnection();
            assertThat(connection.edges()).hasSize(10);
            assertThat(connection.pageInfo().hasNextPage()).isTrue();
            assertThat(connection.pageInfo().startCursor())
                    .isEqualTo(connection.edges().get(0).cursor());
            KeysetPage<Event> after = paginator.keyset(
                    em,
                    ALL,
                    PageRequest.builder(SPEC)
                            .size(3)
                            .after(connection.edges().get(4).cursor())
                            .build());
            assertThat(after.items()).extracting(e -> e.id).isEqualTo(ids("order by created_at, id", 15, 3));
            KeysetPage<Event> before = paginator.keyset(
                    em,
                    ALL,
                    PageRequest.builder(SPEC)
                            .size(3)
                            .before(connection.edges().get(4).cursor())
                            .build());
            assertThat(before.items()).extracting(e -> e.id).isEqualTo(ids("order by created_at, id", 11, 3));
        });
    }

    @Test
    void misuseIsAProgrammerError() {
        Paginator<Event> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        SortSpec<Event> other = SortSpec.builder(Event.class).field("kind").build();
        DB.txRun(em -> {
            assertThatThrownBy(() ->
                            paginator.keyset(em, ALL, PageRequest.builder(other).build()))
                    .isInstanceOf(IllegalArgumentException.class);
            String cursor = paginator
                    .keyset(em, ALL, PageRequest.builder(SPEC).build())
                    .nextCursor()
                    .orElseThrow();
            assertThatThrownBy(() -> paginator.offset(
                            em, ALL, PageRequest.builder(SPEC).cursor(cursor).build(), CountMode.exact()))
                    .isInstanceOf(IllegalArgumentException.class);
        });
        assertThatThrownBy(() -> CountMode.bounded(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specsThatCannotWorkAreRefusedAtCreation() {
        assertThatThrownBy(() -> Paginator.of(
                        DB.emf, SortSpec.builder(Event.class).field("nope").build(), CODEC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> Paginator.of(
                        DB.emf, SortSpec.builder(Note.class).field("author").build(), CODEC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a basic attribute");
        assertThatThrownBy(() -> Paginator.of(
                        DB.emf,
                        SortSpec.builder(Note.class).field("who", "author.name").build(),
                        CODEC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("association");
        assertThatThrownBy(() ->
                        Paginator.of(DB.emf, SortSpec.builder(String.class).build(), CODEC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Paginator.of(
                        DB.emf,
                        SortSpec.builder(Event.class)
                                .field("id")
                                .tieBreaker("kind.x")
                                .build(),
                        CODEC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
