package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.persistence.jdbc.StatementRecording;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10.8: every seek shape, over Criteria and JPQL, against every kind of sort key (each basic type a cursor
 * holds, enums by name and by ordinal, a converted attribute, a path into an embeddable), ascending and descending,
 * walked to the end and back: the rows must be PostgreSQL's own ORDER BY, one statement per page, and the page
 * must say which shape it used. Row values are used exactly where they are safe; elsewhere the fallback is
 * {@link SeekShape#BOUNDED_OR} and the page reports it.
 */
class SeekShapeMatrixTest {
    static final Db DB = Db.get();
    static final CursorCodec CODEC = CursorCodec.builder()
            .signingKey("k", "matrix-matrix-matrix-matrix-matrix".getBytes(StandardCharsets.US_ASCII))
            .build();

    /** Sort name, attribute path, column, and whether row values are safe for it. */
    record Kind(String name, String path, String column, boolean rowSafe) {}

    static final List<Kind> KINDS = List.of(
            new Kind("label", "label", "label", true),
            new Kind("small", "small", "small", true),
            new Kind("tiny", "tiny", "tiny", true),
            new Kind("counter", "counter", "counter", true),
            new Kind("big", "big", "big", true),
            new Kind("amount", "amount", "amount", true),
            new Kind("ratio", "ratio", "ratio", true),
            new Kind("fraction", "fraction", "fraction", true),
            new Kind("flag", "flag", "flag", true),
            new Kind("initial", "initial", "initial", true),
            new Kind("code", "code", "code", true),
            new Kind("instant", "instant", "instant", true),
            new Kind("offsetDateTime", "offsetDateTime", "offsetdatetime", true),
            new Kind("localDateTime", "localDateTime", "localdatetime", true),
            new Kind("localDate", "localDate", "localdate", true),
            new Kind("localTime", "localTime", "local_time", true),
            new Kind("stamp", "stamp", "stamp", true),
            new Kind("colourName", "colourName", "colourname", false),
            new Kind("colourOrdinal", "colourOrdinal", "colourordinal", false),
            new Kind("yesNo", "yesNo", "yesno", false),
            new Kind("price", "price.total", "price_total", true));

    static final SortSpec<Typed> SPEC = spec();

    private static SortSpec<Typed> spec() {
        SortSpec.Builder<Typed> b = SortSpec.builder(Typed.class);
        for (Kind k : KINDS) {
            b.field(k.name(), k.path());
        }
        return b.pageSize(4, 50).build();
    }

    @BeforeAll
    static void load() {
        DB.txRun(em -> em.createQuery("delete from Typed").executeUpdate());
        Random random = new Random(11);
        Instant base = Instant.parse("2026-11-22T10:15:30.123456Z");
        DB.txRun(em -> {
            for (int i = 0; i < 30; i++) {
                Typed t = new Typed(i + 1);
                // Small domains, so most keys repeat and the tie-breaker matters.
                t.label = List.of("b", "B", "a", "ä", "Z", "aa").get(random.nextInt(6));
                t.small = random.nextInt(4) - 2;
                t.tiny = (short) random.nextInt(3);
                t.counter = random.nextInt(3) * 1_000_000_000_000L;
                t.big = BigInteger.TEN.pow(20).multiply(BigInteger.valueOf(random.nextInt(3) - 1));
                t.amount = new BigDecimal("1.50").add(new BigDecimal(random.nextInt(3)).movePointLeft(2));
                t.ratio = random.nextInt(3) * 0.1;
                t.fraction = random.nextInt(3) * 0.25f;
                t.flag = random.nextBoolean();
                t.initial = "xyZ".charAt(random.nextInt(3));
                t.code = new UUID(random.nextInt(3) - 1, random.nextInt(2));
                t.instant = base.plusNanos(1000L * random.nextInt(3));
                t.offsetDateTime =
                        OffsetDateTime.ofInstant(base.plusSeconds(random.nextInt(3)), ZoneOffset.ofHours(i % 3));
                t.localDateTime = LocalDateTime.of(2026, 11, 22, 10, 0).plusNanos(1000L * random.nextInt(3));
                t.localDate = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(3));
                t.localTime = LocalTime.of(9, 0).plusNanos(1000L * random.nextInt(3));
                t.stamp = Timestamp.from(base.plusNanos(1000L * random.nextInt(3)));
                t.colourName = Typed.Colour.values()[random.nextInt(3)];
                t.colourOrdinal = Typed.Colour.values()[random.nextInt(3)];
                t.yesNo = random.nextBoolean();
                t.price = new Typed.Money(new BigDecimal(random.nextInt(3)), "EUR");
                em.persist(t);
            }
        });
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : KINDS) {
            for (SeekShape shape : SeekShape.values()) {
                for (boolean jpql : new boolean[] {false, true}) {
                    for (boolean descending : new boolean[] {false, true}) {
                        cases.add(Arguments.of(kind, shape, jpql, descending));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} jpql={2} desc={3}")
    @MethodSource("cases")
    void everyShapeWalksEveryKeyKindLikeOrderBy(Kind kind, SeekShape shape, boolean jpql, boolean descending) {
        Paginator<Typed> paginator = Paginator.of(DB.emf, SPEC, CODEC, shape);
        PageQuery<Typed> query = jpql ? PageQuery.jpql(Typed.class, "t", "") : PageQuery.of(Typed.class);
        String dir = descending ? "desc" : "asc";
        // The collation is the database's: the oracle sorts in SQL too.
        List<Long> oracle = DB.tx(em -> {
            List<Long> ids = new ArrayList<>();
            for (Object o : em.createNativeQuery(
                            "select id from typed order by " + kind.column() + " " + dir + ", id " + dir)
                    .getResultList()) {
                ids.add(((Number) o).longValue());
            }
            return ids;
        });
        SeekShape expected = shape == SeekShape.ROW_VALUE && !(jpql && kind.rowSafe()) ? SeekShape.BOUNDED_OR : shape;
        String sort = (descending ? "-" : "") + kind.name();

        List<Long> forward = new ArrayList<>();
        String last = DB.tx(em -> {
            PageRequest request = PageRequest.builder(SPEC).size(4).sort(sort).build();
            String previous = null;
            for (int pages = 0; pages < 20; pages++) {
                try (StatementRecording r = DB.counter.start()) {
                    KeysetPage<Typed> page = paginator.keyset(em, query, request);
                    assertThat(r.total()).isEqualTo(1);
                    boolean row = r.statements().get(0).sql().matches("(?s).*\\([^()]*,[^()]*\\)\\s*[<>]\\s*\\(.*");
                    if (pages > 0) {
                        assertThat(page.seekShape()).contains(expected);
                        assertThat(row).as("row-value syntax").isEqualTo(expected == SeekShape.ROW_VALUE);
                    } else {
                        assertThat(page.seekShape()).isEqualTo(Optional.empty());
                    }
                    page.items().forEach(t -> forward.add(t.id));
                    previous = page.previousCursor().orElse(null);
                    if (!page.hasNext()) {
                        return previous;
                    }
                    request = PageRequest.builder(SPEC)
                            .size(4)
                            .cursor(page.nextCursor().orElseThrow())
                            .build();
                }
                em.clear();
            }
            throw new AssertionError("the walk did not end");
        });
        assertThat(forward).isEqualTo(oracle);

        // And back from the last page to the first, through previous cursors.
        List<Long> backward = new ArrayList<>();
        DB.txRun(em -> {
            String cursor = last;
            while (cursor != null) {
                KeysetPage<Typed> page = paginator.keyset(
                        em,
                        query,
                        PageRequest.builder(SPEC).size(4).cursor(cursor).build());
                List<Long> ids = new ArrayList<>();
                page.items().forEach(t -> ids.add(t.id));
                Collections.reverse(ids);
                backward.addAll(ids);
                cursor = page.previousCursor().orElse(null);
                em.clear();
            }
        });
        List<Long> reversed = new ArrayList<>(oracle);
        Collections.reverse(reversed);
        int lastPage = oracle.size() % 4 == 0 ? 4 : oracle.size() % 4;
        assertThat(backward).isEqualTo(reversed.subList(lastPage, reversed.size()));
    }
}
