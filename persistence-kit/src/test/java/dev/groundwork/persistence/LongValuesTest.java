package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10.9: every row the query can return gets a cursor, whatever the length of its sort values. Text and
 * numbers too long to carry travel as digests and are read back from the row; the walks must equal PostgreSQL's
 * ORDER BY, every cursor must fit the codec's limit, and a cursor whose row has since changed is refused with
 * a typed error rather than a wrong page.
 */
class LongValuesTest {
    static final Db DB = Db.get();
    static final CursorCodec CODEC = CursorCodec.builder()
            .signingKey("k", "long-values-long-values-long-valu".getBytes(StandardCharsets.US_ASCII))
            .build();
    static final SortSpec<Doc> SPEC = SortSpec.builder(Doc.class)
            .field("title")
            .field("slug")
            .field("score")
            .pageSize(2, 50)
            .build();
    /** The slug as tie-breaker: a unique key that is itself long text, found again by its prefix. */
    static final SortSpec<Doc> BY_SLUG = SortSpec.builder(Doc.class)
            .field("title")
            .field("score")
            .tieBreaker("slug")
            .pageSize(2, 50)
            .build();

    @BeforeEach
    void load() {
        DB.txRun(em -> em.createQuery("delete from Doc").executeUpdate());
        Random random = new Random(5);
        String cjk = "漢字仮名交じり文".repeat(22).substring(0, 171); // 513 UTF-8 bytes: the outside suite's case
        List<String> titles = List.of(
                cjk,
                cjk + "a",
                cjk.substring(0, 170),
                "x".repeat(600),
                "x".repeat(600) + "y",
                "x".repeat(5_000),
                "😀".repeat(300),
                "short",
                "");
        DB.txRun(em -> {
            for (int i = 0; i < 40; i++) {
                String title = i % 11 == 10 ? null : titles.get(random.nextInt(titles.size()));
                // Slugs share a prefix far longer than the 32 code points a digest keeps.
                String slug = "s".repeat(40 + random.nextInt(3)) + "-" + "z".repeat(random.nextInt(700)) + "-" + i;
                BigDecimal score = i % 3 == 0
                        ? new BigDecimal("9".repeat(1_500)).add(BigDecimal.valueOf(random.nextInt(3)))
                        : BigDecimal.valueOf(random.nextInt(4), 2);
                em.persist(new Doc(i + 1, title, slug, score));
            }
        });
    }

    @ParameterizedTest(name = "{0} {1} jpql={2} slug tie={3}")
    @CsvSource({
        "title, BOUNDED_OR, false, false",
        "-title, BOUNDED_OR, true, false",
        "title, PLAIN_OR, true, false",
        "title, ROW_VALUE, true, false",
        "-title, ROW_VALUE, true, true",
        "title, BOUNDED_OR, false, true",
        "'title,score', BOUNDED_OR, false, false",
        "'-score,title', BOUNDED_OR, true, true",
        "score, ROW_VALUE, true, false",
        "'slug', BOUNDED_OR, false, false"
    })
    void walksRowsWithValuesTooLongToCarryLikeOrderBy(String sort, SeekShape shape, boolean jpql, boolean slugTie) {
        SortSpec<Doc> spec = slugTie ? BY_SLUG : SPEC;
        Paginator<Doc> paginator = Paginator.of(DB.emf, spec, CODEC, shape);
        PageQuery<Doc> query = jpql ? PageQuery.jpql(Doc.class, "d", "") : PageQuery.of(Doc.class);
        StringBuilder orderBy = new StringBuilder();
        String lastDir = "asc";
        for (String key : sort.split(",")) {
            lastDir = key.startsWith("-") ? "desc" : "asc";
            orderBy.append(key.replace("-", "")).append(' ').append(lastDir).append(", ");
        }
        orderBy.append(slugTie ? "slug " : "id ").append(lastDir);
        List<Long> oracle = DB.tx(em -> {
            List<Long> ids = new ArrayList<>();
            for (Object o : em.createNativeQuery("select id from doc order by " + orderBy)
                    .getResultList()) {
                ids.add(((Number) o).longValue());
            }
            return ids;
        });

        List<Long> walked = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        DB.txRun(em -> {
            PageRequest request = PageRequest.builder(spec).size(3).sort(sort).build();
            for (int pages = 0; pages < 30; pages++) {
                KeysetPage<Doc> page = paginator.keyset(em, query, request);
                page.items().forEach(d -> walked.add(d.id));
                for (int i = 0; i < page.items().size(); i++) {
                    cursors.add(page.cursorAt(i));
                }
                page.previousCursor().ifPresent(cursors::add);
                if (!page.hasNext()) {
                    return;
                }
                String next = page.nextCursor().orElseThrow();
                cursors.add(next);
                request = PageRequest.builder(spec).size(3).cursor(next).build();
                em.clear();
            }
        });
        assertThat(walked).isEqualTo(oracle);
        assertThat(cursors).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(1024));

        // Every row's own cursor continues exactly after it.
        DB.txRun(em -> {
            PageRequest first = PageRequest.builder(spec).size(50).sort(sort).build();
            KeysetPage<Doc> all = paginator.keyset(em, query, first);
            for (int i = 0; i < all.items().size(); i++) {
                KeysetPage<Doc> after = paginator.keyset(
                        em,
                        query,
                        PageRequest.builder(spec).size(1).after(all.cursorAt(i)).build());
                List<Long> ids = after.items().stream().map(d -> d.id).toList();
                assertThat(ids).isEqualTo(oracle.subList(i + 1, Math.min(i + 2, oracle.size())));
            }
        });
    }

    @Test
    void aCursorWhoseRowChangedIsRefusedTyped() {
        Paginator<Doc> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        DB.txRun(em -> em.createQuery("update Doc set title = :t where id = 1")
                .setParameter("t", "q".repeat(900))
                .executeUpdate());
        String cursor = DB.tx(em -> {
            KeysetPage<Doc> page = paginator.keyset(
                    em,
                    PageQuery.of(Doc.class),
                    PageRequest.builder(SPEC).size(50).sort("title").build());
            int at = page.items().stream().map(d -> d.id).toList().indexOf(1L);
            return page.cursorAt(at);
        });
        // Unchanged: the cursor works.
        assertThat(continueAfter(paginator, cursor).items()).isNotEmpty();
        // The row's long title changes: the position is no longer known exactly.
        DB.txRun(em -> em.createQuery("update Doc set title = :t where id = 1")
                .setParameter("t", "q".repeat(901))
                .executeUpdate());
        assertThat(refusalAfter(paginator, cursor)).isEqualTo(InvalidCursorException.Reason.POSITION_CHANGED);
        // Deleted: the same.
        DB.txRun(em -> em.createQuery("delete from Doc where id = 1").executeUpdate());
        assertThat(refusalAfter(paginator, cursor)).isEqualTo(InvalidCursorException.Reason.POSITION_CHANGED);
    }

    private static KeysetPage<Doc> continueAfter(Paginator<Doc> paginator, String cursor) {
        return DB.tx(em -> paginator.keyset(
                em,
                PageQuery.of(Doc.class),
                PageRequest.builder(SPEC).after(cursor).build()));
    }

    private static InvalidCursorException.Reason refusalAfter(Paginator<Doc> paginator, String cursor) {
        return catchThrowableOfType(InvalidCursorException.class, () -> continueAfter(paginator, cursor))
                .reason();
    }

    @Test
    void aSpecWhoseCursorsCouldOutgrowTheCodecIsRefusedWhenCreated() {
        CursorCodec tight = CursorCodec.builder()
                .signingKey("k", "long-values-long-values-long-valu".getBytes(StandardCharsets.US_ASCII))
                .maxLength(150)
                .build();
        assertThatThrownBy(() -> Paginator.of(DB.emf, SPEC, tight))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLength");
        SortSpec<Doc> one =
                SortSpec.builder(Doc.class).field("score").pageSize(2, 10).build();
        assertThat(Paginator.of(DB.emf, one, tight)).isNotNull();
    }
}
