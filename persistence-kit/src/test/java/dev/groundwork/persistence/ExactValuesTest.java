package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.persistence.jdbc.StatementRecording;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sort values round-trip exactly: timestamps differing by one microsecond, offsets, scaled decimals, UUIDs (whose
 * PostgreSQL order differs from {@code UUID.compareTo}), enums, booleans and doubles. A rounded value would repeat
 * or skip rows; the walks must match one ORDER BY.
 */
class ExactValuesTest {
    static final Db DB = Db.get();
    static final CursorCodec CODEC = CursorCodec.builder()
            .signingKey("k", "exact-values-exact-values-exact-v".getBytes(StandardCharsets.US_ASCII))
            .build();
    static final SortSpec<Sample> SPEC = SortSpec.builder(Sample.class)
            .field("instant")
            .field("offsetDateTime")
            .field("localDateTime")
            .field("localDate")
            .field("amount")
            .field("status")
            .field("counter")
            .field("flag")
            .field("ratio")
            .pageSize(5, 50)
            .build();

    @BeforeAll
    static void load() {
        DB.txRun(em -> em.createQuery("delete from Sample").executeUpdate());
        Random random = new Random(7);
        Instant base = Instant.parse("2026-11-22T10:15:30.123456Z");
        DB.txRun(em -> {
            for (int i = 0; i < 40; i++) {
                Sample s = new Sample(new UUID(random.nextLong(), random.nextLong()));
                s.instant = base.plusNanos(1000L * (i % 5));
                s.offsetDateTime = OffsetDateTime.ofInstant(base.plusNanos(1000L * (i % 7)), ZoneOffset.ofHours(i % 3));
                s.localDateTime = LocalDateTime.of(2026, 11, 22, 10, 0).plusNanos(1000L * (i % 4));
                s.localDate = LocalDate.of(2026, 1, 1).plusDays(i % 3);
                s.amount = i % 9 == 0 ? null : new BigDecimal("1.00").add(new BigDecimal(i % 6).movePointLeft(2));
                s.status = i % 8 == 0 ? null : Sample.Status.values()[random.nextInt(3)];
                s.counter = i % 4;
                s.flag = i % 5 == 0 ? null : random.nextBoolean();
                s.ratio = i % 6 == 0 ? null : (i % 3) * 0.1;
                em.persist(s);
            }
        });
    }

    static final SortSpec<Sample> NON_NULL = SortSpec.builder(Sample.class)
            .field("instant")
            .field("localDate")
            .field("counter")
            .notNull("instant", "localDate")
            .pageSize(5, 50)
            .build();

    /** Row values apply to non-null keys in one direction; the walk must match the ORDER BY all the same. */
    @ParameterizedTest(name = "row value {0} size {1}")
    @CsvSource({
        "'counter,instant', 'counter asc, instant asc, id asc', 1",
        "'-counter,-instant', 'counter desc, instant desc, id desc', 3",
        "'localDate,counter,instant', 'localdate asc, counter asc, instant asc, id asc', 2",
        "'-localDate,-counter', 'localdate desc, counter desc, id desc', 7"
    })
    void rowValueWalkMatchesOrderBy(String sort, String orderBy, int size) {
        Paginator<Sample> paginator = Paginator.of(DB.emf, NON_NULL, CODEC, SeekShape.ROW_VALUE);
        List<UUID> oracle = DB.tx(em -> {
            List<UUID> ids = new ArrayList<>();
            for (Object o : em.createNativeQuery("select id from sample order by " + orderBy)
                    .getResultList()) {
                ids.add((UUID) o);
            }
            return ids;
        });
        List<UUID> walked = new ArrayList<>();
        PageQuery<Sample> query = PageQuery.jpql(Sample.class, "s", "");
        DB.txRun(em -> {
            PageRequest request =
                    PageRequest.builder(NON_NULL).size(size).sort(sort).build();
            for (int pages = 0; pages <= 40; pages++) {
                try (StatementRecording r = DB.counter.start()) {
                    KeysetPage<Sample> page = paginator.keyset(em, query, request);
                    if (pages > 0) {
                        assertThat(r.statements().get(0).sql()).containsPattern("\\([^()]*,[^()]*\\)\\s*[<>]\\s*\\(");
                    }
                    page.items().forEach(s -> walked.add(s.id));
                    if (!page.hasNext()) {
                        break;
                    }
                    request = PageRequest.builder(NON_NULL)
                            .size(size)
                            .cursor(page.nextCursor().orElseThrow())
                            .build();
                }
                em.clear();
            }
        });
        assertThat(walked).isEqualTo(oracle);
    }

    @ParameterizedTest(name = "{0} size {1}")
    @CsvSource({
        "instant, instant, 1", "-instant, instant, 3",
        "offsetDateTime, offsetdatetime, 1", "-offsetDateTime, offsetdatetime, 4",
        "localDateTime, localdatetime, 1", "-localDateTime, localdatetime, 2",
        "localDate, localdate, 1", "-localDate, localdate, 7",
        "amount, amount, 1", "-amount, amount, 3",
        "status, status, 1", "-status, status, 2",
        "counter, counter, 1", "-counter, counter, 6",
        "flag, flag, 1", "-flag, flag, 4",
        "ratio, ratio, 1", "-ratio, ratio, 5"
    })
    void walkMatchesOrderBy(String sort, String column, int size) {
        Paginator<Sample> paginator = Paginator.of(DB.emf, SPEC, CODEC);
        String dir = sort.startsWith("-") ? "desc" : "asc";
        List<UUID> oracle = DB.tx(em -> {
            List<UUID> ids = new ArrayList<>();
            for (Object o : em.createNativeQuery("select id from sample order by " + column + " " + dir + ", id " + dir)
                    .getResultList()) {
                ids.add((UUID) o);
            }
            return ids;
        });
        assertThat(oracle).hasSize(40);
        List<UUID> walked = new ArrayList<>();
        DB.txRun(em -> {
            PageRequest request =
                    PageRequest.builder(SPEC).size(size).sort(sort).build();
            for (int pages = 0; pages <= 40; pages++) {
                KeysetPage<Sample> page = paginator.keyset(em, PageQuery.of(Sample.class), request);
                page.items().forEach(s -> walked.add(s.id));
                if (!page.hasNext()) {
                    return;
                }
                em.clear();
                request = PageRequest.builder(SPEC)
                        .size(size)
                        .cursor(page.nextCursor().orElseThrow())
                        .build();
            }
        });
        assertThat(walked).isEqualTo(oracle);
    }
}
