package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keyset walks over data with duplicate and null sort values, forward to the end and back to the start, for
 * every seek shape, every direction combination of two and three keys, and page sizes 1 to 7 and 50: every row
 * exactly once, in the order of one full ORDER BY over the same data.
 */
class KeysetWalkTest {
    static final int ROWS = 61;
    static final byte[] SECRET =
            "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final Db DB = Db.get();
    static final SortSpec<Item> SPEC = SortSpec.builder(Item.class)
            .field("grp")
            .field("name")
            .field("rank")
            .field("at")
            .pageSize(10, 50)
            .build();
    static final CursorCodec CODEC =
            CursorCodec.builder().signingKey("k1", SECRET).build();

    @BeforeAll
    static void load() {
        DB.txRun(em -> em.createQuery("delete from Item").executeUpdate());
        Random random = new Random(20261122);
        Instant base = Instant.parse("2026-11-22T10:00:00Z");
        DB.txRun(em -> {
            for (long id = 1; id <= ROWS; id++) {
                em.persist(new Item(
                        id,
                        maybeNull(random, 1 + random.nextInt(3)),
                        maybeNull(random, String.valueOf((char) ('a' + random.nextInt(3)))),
                        maybeNull(random, 1 + random.nextInt(2)),
                        random.nextBoolean() ? "x" : "y",
                        maybeNull(random, base.plusNanos(1000L * random.nextInt(4)))));
            }
        });
    }

    static <V> V maybeNull(Random random, V value) {
        return random.nextInt(100) < 15 ? null : value;
    }

    static Stream<Arguments> walks() {
        List<String[]> sorts = new ArrayList<>();
        String[][] keySets = {{"grp", "name"}, {"name", "grp"}, {"rank", "at"}, {"grp", "name", "rank"}};
        for (String[] keys : keySets) {
            for (int mask = 0; mask < (1 << keys.length); mask++) {
                String[] sort = new String[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    sort[i] = ((mask >> i) & 1) == 1 ? "-" + keys[i] : keys[i];
                }
                sorts.add(sort);
            }
        }
        sorts.add(new String[] {"at"});
        sorts.add(new String[] {"-at"});
        List<Arguments> args = new ArrayList<>();
        for (boolean jpql : new boolean[] {false, true}) {
            for (SeekShape shape : SeekShape.values()) {
                if (shape == SeekShape.ROW_VALUE && !jpql) {
                    continue; // Criteria queries fall back to BOUNDED_OR, walked above
                }
                for (String[] sort : sorts) {
                    for (int size : new int[] {1, 2, 3, 4, 5, 6, 7, 50}) {
                        args.add(Arguments.of(jpql, shape, String.join(",", sort), size, size % 2 == 0));
                    }
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "jpql={0} {1} sort={2} size={3} filtered={4}")
    @MethodSource("walks")
    void walksEveryRowOnceInBothDirections(boolean jpql, SeekShape shape, String sort, int size, boolean filtered) {
        Paginator<Item> paginator = Paginator.of(DB.emf, SPEC, CODEC, shape);
        PageQuery<Item> query;
        if (jpql) {
            query = filtered
                    ? PageQuery.jpql(Item.class, "i", "i.tag = :tag").parameter("tag", "x")
                    : PageQuery.jpql(Item.class, "i", "");
        } else {
            query = PageQuery.of(Item.class);
            if (filtered) {
                query = query.where("tag=x", (root, q, cb) -> cb.equal(root.get("tag"), "x"));
            }
        }
        List<Long> oracle = oracle(sort, filtered);
        PageQuery<Item> q = query;
        DB.txRun(em -> {
            List<List<Long>> pages = new ArrayList<>();
            KeysetPage<Item> page = paginator.keyset(
                    em, q, PageRequest.builder(SPEC).size(size).sort(sort).build());
            assertThat(page.hasPrevious()).isFalse();
            while (true) {
                List<Long> ids = ids(page);
                pages.add(ids);
                assertThat(ids).isNotEmpty();
                if (!page.hasNext()) {
                    assertThat(page.nextCursor()).isEmpty();
                    break;
                }
                assertThat(ids).hasSize(size);
                assertThat(pages.size()).isLessThanOrEqualTo(ROWS);
                page = next(em, paginator, q, page.nextCursor().orElseThrow(), size);
            }
            List<Long> forward = pages.stream().flatMap(List::stream).toList();
            assertThat(forward).as("forward walk").isEqualTo(oracle);

            // Back from the last page to the first.
            List<Long> backward = new ArrayList<>(ids(page));
            int steps = 0;
            while (page.hasPrevious()) {
                page = next(em, paginator, q, page.previousCursor().orElseThrow(), size);
                List<Long> ids = ids(page);
                assertThat(ids).isNotEmpty().hasSizeLessThanOrEqualTo(size);
                if (page.hasPrevious()) {
                    assertThat(ids).hasSize(size);
                }
                assertThat(page.hasNext()).isTrue();
                backward.addAll(0, ids);
                assertThat(++steps).isLessThanOrEqualTo(ROWS);
            }
            assertThat(backward).as("backward walk").isEqualTo(oracle);
        });
    }

    /**
     * A keyset page number past the end is empty, says rows precede it, and its previous cursor leads to the last
     * page (the last row included) and from there back to the first: the newcomer's report, where
     * {@code hasPrevious()} was true and {@code previousCursor()} empty.
     */
    @ParameterizedTest(name = "jpql={0} {1} sort={2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "false, BOUNDED_OR, 'grp,name'", "true, BOUNDED_OR, '-grp,name'", "false, PLAIN_OR, '-name,-grp'",
        "true, ROW_VALUE, 'rank,at'", "true, ROW_VALUE, '-rank'", "false, BOUNDED_OR, '-at'"
    })
    void aPageNumberPastTheEndLeadsBackToTheLastPage(boolean jpql, SeekShape shape, String sort) {
        Paginator<Item> paginator = Paginator.of(DB.emf, SPEC, CODEC, shape);
        PageQuery<Item> q = jpql ? PageQuery.jpql(Item.class, "i", "") : PageQuery.of(Item.class);
        List<Long> oracle = oracle(sort, false);
        int size = 7;
        DB.txRun(em -> {
            KeysetPage<Item> past = paginator.keyset(
                    em,
                    q,
                    PageRequest.builder(SPEC).size(size).sort(sort).page(ROWS).build());
            assertThat(past.items()).isEmpty();
            assertThat(past.hasNext()).isFalse();
            assertThat(past.nextCursor()).isEmpty();
            assertThat(past.hasPrevious()).isTrue();
            KeysetPage<Item> page = next(em, paginator, q, past.previousCursor().orElseThrow(), size);
            // The previous page of a position is the page-size rows before it: here the listing's last rows.
            assertThat(ids(page)).isEqualTo(oracle.subList(oracle.size() - size, oracle.size()));
            assertThat(page.hasNext()).isFalse();
            List<Long> backward = new ArrayList<>(ids(page));
            while (page.hasPrevious()) {
                page = next(em, paginator, q, page.previousCursor().orElseThrow(), size);
                backward.addAll(0, ids(page));
                assertThat(backward.size()).isLessThanOrEqualTo(ROWS);
            }
            assertThat(backward).isEqualTo(oracle);

            PageQuery<Item> none =
                    PageQuery.jpql(Item.class, "i", "i.tag = :tag").parameter("tag", "none");
            KeysetPage<Item> empty = paginator.keyset(
                    em,
                    none,
                    PageRequest.builder(SPEC).size(size).sort(sort).page(3).build());
            assertThat(empty.hasPrevious()).isFalse();
            assertThat(empty.previousCursor()).isEmpty();
        });
    }

    private static KeysetPage<Item> next(
            EntityManager em, Paginator<Item> paginator, PageQuery<Item> q, String cursor, int size) {
        em.clear();
        return paginator.keyset(
                em, q, PageRequest.builder(SPEC).size(size).cursor(cursor).build());
    }

    static List<Long> ids(KeysetPage<Item> page) {
        List<Long> ids = new ArrayList<>();
        for (Item item : page.items()) {
            ids.add(item.id);
        }
        return ids;
    }

    /** The same rows in one ORDER BY, with PostgreSQL's own null placement. */
    static List<Long> oracle(String sort, boolean filtered) {
        List<String> order = new ArrayList<>();
        String last = "asc";
        for (String key : sort.split(",")) {
            boolean desc = key.startsWith("-");
            String column = key.replace("-", "");
            column = column.equals("at") ? "seen_at" : column;
            last = desc ? "desc" : "asc";
            order.add(column + " " + last);
        }
        order.add("id " + last);
        String sql =
                "select id from item" + (filtered ? " where tag = 'x'" : "") + " order by " + String.join(", ", order);
        return DB.tx(em -> {
            List<Long> ids = new ArrayList<>();
            for (Object o : em.createNativeQuery(sql).getResultList()) {
                ids.add(((Number) o).longValue());
            }
            return Collections.unmodifiableList(ids);
        });
    }
}
