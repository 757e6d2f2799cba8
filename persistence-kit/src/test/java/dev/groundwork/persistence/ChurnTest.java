package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows inserted and deleted between page fetches, including the row a cursor points at: every row present
 * throughout appears exactly once, no row twice, and the walk stays in sort order.
 */
class ChurnTest {
    static final Db DB = Db.get();
    static final CursorCodec CODEC = CursorCodec.builder()
            .signingKey("k", "churn-churn-churn-churn-churn-chu".getBytes(StandardCharsets.US_ASCII))
            .build();
    static final SortSpec<Item> SPEC = SortSpec.builder(Item.class)
            .field("grp")
            .field("name")
            .field("at")
            .pageSize(10, 50)
            .build();
    static final Instant BASE = Instant.parse("2026-11-22T08:00:00Z");

    static Item randomItem(Random random, long id) {
        return new Item(
                id,
                KeysetWalkTest.maybeNull(random, random.nextInt(4)),
                KeysetWalkTest.maybeNull(random, String.valueOf((char) ('a' + random.nextInt(4)))),
                1,
                "x",
                KeysetWalkTest.maybeNull(random, BASE.plusNanos(1000L * random.nextInt(6))));
    }

    @ParameterizedTest(name = "{0} {1} size {2} backward={3}")
    @CsvSource({
        "BOUNDED_OR, 'grp,-name', 7, false",
        "BOUNDED_OR, 'grp,-name', 7, true",
        "BOUNDED_OR, '-at', 5, false",
        "BOUNDED_OR, '-at', 5, true",
        "PLAIN_OR, 'grp,-name', 3, false",
        "PLAIN_OR, '-at,name', 4, true"
    })
    void stableRowsAppearExactlyOnce(SeekShape shape, String sort, int size, boolean backward) {
        Random random = new Random(sort.hashCode() * 31L + size);
        DB.txRun(em -> em.createQuery("delete from Item").executeUpdate());
        Set<Long> stable = new HashSet<>();
        List<Long> volatileRows = new ArrayList<>();
        DB.txRun(em -> {
            for (long id = 1; id <= 200; id++) {
                em.persist(randomItem(random, id));
                if (random.nextInt(100) < 40) {
                    volatileRows.add(id);
                } else {
                    stable.add(id);
                }
            }
        });
        Paginator<Item> paginator = Paginator.of(DB.emf, SPEC, CODEC, shape);
        PageQuery<Item> query = PageQuery.of(Item.class);
        List<Long> seen = new ArrayList<>();
        long[] nextId = {10_000};
        int deletedCursorRows = 0;
        PageRequest request = PageRequest.builder(SPEC).size(size).sort(sort).build();
        if (backward) {
            // Start from the end: the last page by offset, then walk back with previous cursors.
            KeysetPage<Item> last = DB.tx(em -> paginator.keyset(
                    em,
                    query,
                    PageRequest.builder(SPEC).size(1).sort(sort).page(200).build()));
            seen.addAll(KeysetWalkTest.ids(last));
            request = PageRequest.builder(SPEC)
                    .size(size)
                    .cursor(last.previousCursor().orElseThrow())
                    .build();
        }
        for (int pages = 0; pages < 400; pages++) {
            PageRequest current = request;
            KeysetPage<Item> page = DB.tx(em -> paginator.keyset(em, query, current));
            List<Long> ids = KeysetWalkTest.ids(page);
            if (backward) {
                seen.addAll(0, ids);
            } else {
                seen.addAll(ids);
            }
            boolean more = backward ? page.hasPrevious() : page.hasNext();
            if (!more) {
                break;
            }
            String cursor = backward
                    ? page.previousCursor().orElseThrow()
                    : page.nextCursor().orElseThrow();
            // Churn: delete the cursor row when it may go, two other volatile rows, and insert three rows.
            long cursorRow = backward ? ids.get(0) : ids.get(ids.size() - 1);
            List<Long> doomed = new ArrayList<>();
            if (volatileRows.remove(cursorRow)) {
                doomed.add(cursorRow);
                deletedCursorRows++;
            }
            for (int i = 0; i < 2 && !volatileRows.isEmpty(); i++) {
                doomed.add(volatileRows.remove(random.nextInt(volatileRows.size())));
            }
            DB.txRun(em -> {
                for (Long id : doomed) {
                    em.remove(em.find(Item.class, id));
                }
                for (int i = 0; i < 3; i++) {
                    em.persist(randomItem(random, nextId[0]++));
                }
            });
            request = PageRequest.builder(SPEC).size(size).cursor(cursor).build();
        }
        assertThat(new HashSet<>(seen)).as("no row twice").hasSize(seen.size());
        assertThat(seen).as("every stable row").containsAll(stable);
        assertThat(deletedCursorRows)
                .as("the cursor's own row was deleted at least once")
                .isPositive();
        // The rows seen are in the order of one ORDER BY over the rows that still exist plus the deleted ones.
        List<Long> order = KeysetWalkTest.oracle(sort, false);
        List<Long> seenStillPresent = seen.stream().filter(order::contains).toList();
        assertThat(seenStillPresent)
                .isEqualTo(order.stream().filter(seenStillPresent::contains).toList());
    }
}
