package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.groundwork.persistence.jdbc.StatementRecording;
import dev.groundwork.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tampered, foreign, expired and mismatched cursors: each refused with its own error, before any query runs. */
class CursorSecurityTest {
    static final Db DB = Db.get();
    static final byte[] K1 = "k1-secret-k1-secret-k1-secret-k1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] K2 = "k2-secret-k2-secret-k2-secret-k2".getBytes(StandardCharsets.US_ASCII);
    static final TestClock CLOCK = TestClock.at(Instant.parse("2026-11-22T12:00:00Z"));
    static final CursorCodec CODEC = CursorCodec.builder()
            .signingKey("k1", K1)
            .timeToLive(Duration.ofHours(1))
            .clock(CLOCK)
            .build();
    static final SortSpec<Item> SPEC =
            SortSpec.builder(Item.class).field("grp").field("name").build();
    static final Paginator<Item> ITEMS = Paginator.of(DB.emf, SPEC, CODEC);

    static String cursor;

    @BeforeAll
    static void load() {
        DB.txRun(em -> em.createQuery("delete from Item").executeUpdate());
        DB.txRun(em -> {
            for (long id = 1; id <= 20; id++) {
                em.persist(new Item(id, (int) (id % 3), "n" + id, 1, id % 2 == 0 ? "x" : "y", null));
            }
        });
        CLOCK.set(Instant.parse("2026-11-22T12:00:00Z"));
        cursor = DB.tx(em -> ITEMS.keyset(
                        em, PageQuery.of(Item.class), request().sort("grp").build()))
                .nextCursor()
                .orElseThrow();
    }

    static PageRequest.Builder request() {
        return PageRequest.builder(SPEC).size(5);
    }

    static InvalidCursorException.Reason refusal(
            Paginator<Item> paginator, PageQuery<Item> query, PageRequest request) {
        return DB.tx(em -> {
            try (StatementRecording r = DB.counter.start()) {
                InvalidCursorException e =
                        catchThrowableOfType(InvalidCursorException.class, () -> paginator.keyset(em, query, request));
                assertThat(e).as("the cursor must be refused").isNotNull();
                assertThat(r.total())
                        .as("no statement may run for a refused cursor")
                        .isZero();
                assertThat(e.getMessage()).doesNotContain("k1-secret");
                return e.reason();
            }
        });
    }

    static InvalidCursorException.Reason refusal(String c) {
        return refusal(ITEMS, PageQuery.of(Item.class), request().cursor(c).build());
    }

    @Test
    void acceptsItsOwnCursor() {
        KeysetPage<Item> page = DB.tx(em -> ITEMS.keyset(
                em, PageQuery.of(Item.class), request().cursor(cursor).build()));
        assertThat(page.items()).hasSize(5);
        assertThat(page.sort()).extracting(SortKey::toString).containsExactly("grp", "id");
    }

    @Test
    void everyFlippedByteIsRefused() {
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        int kidEnd = 2 + raw[1];
        for (int i = 0; i < raw.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] bad = raw.clone();
                bad[i] ^= (byte) bit;
                InvalidCursorException.Reason error =
                        refusal(Base64.getUrlEncoder().withoutPadding().encodeToString(bad));
                if (i == 0) {
                    assertThat(error).as("version byte").isEqualTo(InvalidCursorException.Reason.MALFORMED);
                } else if (i == 1) {
                    assertThat(error)
                            .as("key id length")
                            .isIn(InvalidCursorException.Reason.MALFORMED, InvalidCursorException.Reason.UNKNOWN_KEY);
                } else if (i < kidEnd) {
                    assertThat(error).as("byte %d", i).isEqualTo(InvalidCursorException.Reason.UNKNOWN_KEY);
                } else {
                    assertThat(error).as("byte %d", i).isEqualTo(InvalidCursorException.Reason.BAD_SIGNATURE);
                }
            }
        }
    }

    @Test
    void truncatedAndExtendedCursorsAreRefused() {
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        for (int n = 0; n < raw.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(raw, n);
            InvalidCursorException.Reason error =
                    refusal(Base64.getUrlEncoder().withoutPadding().encodeToString(cut));
            assertThat(error)
                    .as("first %d bytes", n)
                    .isIn(
                            InvalidCursorException.Reason.MALFORMED,
                            InvalidCursorException.Reason.UNKNOWN_KEY,
                            InvalidCursorException.Reason.BAD_SIGNATURE);
        }
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 1);
        assertThat(refusal(Base64.getUrlEncoder().withoutPadding().encodeToString(longer)))
                .isEqualTo(InvalidCursorException.Reason.BAD_SIGNATURE);
    }

    @Test
    void oversizedCursorIsRefusedBeforeDecoding() {
        assertThat(refusal("A".repeat(1025))).isEqualTo(InvalidCursorException.Reason.TOO_LARGE);
        assertThat(refusal(cursor + "A".repeat(1024))).isEqualTo(InvalidCursorException.Reason.TOO_LARGE);
    }

    @Test
    void nonCanonicalAndGarbageTextIsMalformed() {
        for (String bad : new String[] {
            "",
            "=",
            "!!!!",
            cursor + "=",
            cursor + "==",
            " " + cursor,
            cursor + "\n",
            cursor.replace('-', '+'),
            "' OR 1=1 --",
            "%00",
            "\u00e9\u00e9\u00e9\u00e9",
            "AAAA",
            "AQ"
        }) {
            if (bad.isEmpty() || bad.equals(cursor.replace('-', '+')) && !cursor.contains("-")) {
                continue;
            }
            assertThat(refusal(bad)).as("cursor %s", bad).isEqualTo(InvalidCursorException.Reason.MALFORMED);
        }
        // A different final character that decodes to the same bytes is not the cursor we wrote.
        char last = cursor.charAt(cursor.length() - 1);
        int pad = (cursor.length() % 4 == 2) ? 4 : (cursor.length() % 4 == 3 ? 2 : 0);
        if (pad > 0) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
            assertThat(refusal(cursor.substring(0, cursor.length() - 1) + sibling))
                    .isEqualTo(InvalidCursorException.Reason.MALFORMED);
        }
    }

    @Test
    void cursorOfAnotherEntityIsRefused() {
        SortSpec<Note> notes = SortSpec.builder(Note.class).field("grp", "id").build();
        Paginator<Note> paginator = Paginator.of(DB.emf, notes, CODEC);
        DB.txRun(em -> {
            em.createQuery("delete from Note").executeUpdate();
            em.createQuery("delete from Author").executeUpdate();
            Author a = new Author(1, "ann");
            em.persist(a);
            for (long id = 1; id <= 3; id++) {
                em.persist(new Note(id, "t", a));
            }
        });
        String noteCursor = DB.tx(em -> paginator.keyset(
                        em,
                        PageQuery.of(Note.class),
                        PageRequest.builder(notes).size(1).sort("grp").build()))
                .nextCursor()
                .orElseThrow();
        assertThat(refusal(noteCursor)).isEqualTo(InvalidCursorException.Reason.WRONG_ENTITY);
    }

    @Test
    void cursorOfAnotherSortIsRefused() {
        assertThat(refusal(
                        ITEMS,
                        PageQuery.of(Item.class),
                        request().sort("-grp").cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
        assertThat(refusal(
                        ITEMS,
                        PageQuery.of(Item.class),
                        request().sort("name").cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
        assertThat(refusal(
                        ITEMS,
                        PageQuery.of(Item.class),
                        request().sort("grp,name").cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
        // The same sort, named explicitly, is fine.
        KeysetPage<Item> page = DB.tx(em -> ITEMS.keyset(
                em,
                PageQuery.of(Item.class),
                request().sort("grp").cursor(cursor).build()));
        assertThat(page.items()).isNotEmpty();
    }

    @Test
    void cursorOfAnotherSpecWithTheSameEntityButFewerFieldsIsRefused() {
        SortSpec<Item> narrow = SortSpec.builder(Item.class).field("name").build();
        Paginator<Item> paginator = Paginator.of(DB.emf, narrow, CODEC);
        assertThat(refusal(
                        paginator,
                        PageQuery.of(Item.class),
                        PageRequest.builder(narrow).cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
    }

    /**
     * Issue 10.10: two specs on one entity share a codec and a public name but mean different attributes (and a
     * different tie-breaker). Each refuses the other's cursors instead of reading a wrong page.
     */
    @Test
    void cursorOfASpecWhoseNamesMeanOtherAttributesIsRefused() {
        SortSpec<Item> byName = SortSpec.builder(Item.class).field("name").build();
        SortSpec<Item> nameIsTag =
                SortSpec.builder(Item.class).field("name", "tag").build();
        SortSpec<Item> otherTie =
                SortSpec.builder(Item.class).field("name").tieBreaker("rank").build();
        Paginator<Item> a = Paginator.of(DB.emf, byName, CODEC);
        Paginator<Item> b = Paginator.of(DB.emf, nameIsTag, CODEC);
        Paginator<Item> c = Paginator.of(DB.emf, otherTie, CODEC);
        String fromA = DB.tx(em -> a.keyset(
                        em,
                        PageQuery.of(Item.class),
                        PageRequest.builder(byName).size(3).sort("name").build()))
                .nextCursor()
                .orElseThrow();
        String fromB = DB.tx(em -> b.keyset(
                        em,
                        PageQuery.of(Item.class),
                        PageRequest.builder(nameIsTag).size(3).sort("name").build()))
                .nextCursor()
                .orElseThrow();

        assertThat(refusal(
                        b,
                        PageQuery.of(Item.class),
                        PageRequest.builder(nameIsTag).cursor(fromA).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
        assertThat(refusal(
                        a,
                        PageQuery.of(Item.class),
                        PageRequest.builder(byName).cursor(fromB).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
        assertThat(refusal(
                        c,
                        PageQuery.of(Item.class),
                        PageRequest.builder(otherTie).cursor(fromA).build()))
                .isEqualTo(InvalidCursorException.Reason.SORT_MISMATCH);
        // Each still takes its own.
        assertThat(DB.tx(em -> a.keyset(
                                em,
                                PageQuery.of(Item.class),
                                PageRequest.builder(byName).cursor(fromA).build()))
                        .items())
                .isNotEmpty();
    }

    @Test
    void cursorOfAnotherFilterIsRefused() {
        PageQuery<Item> x = PageQuery.of(Item.class).where("tag=x", (root, q, cb) -> cb.equal(root.get("tag"), "x"));
        PageQuery<Item> y = PageQuery.of(Item.class).where("tag=y", (root, q, cb) -> cb.equal(root.get("tag"), "y"));
        String xCursor = DB.tx(em -> ITEMS.keyset(em, x, request().size(2).build()))
                .nextCursor()
                .orElseThrow();
        assertThat(refusal(ITEMS, y, request().cursor(xCursor).build()))
                .isEqualTo(InvalidCursorException.Reason.FILTER_MISMATCH);
        assertThat(refusal(
                        ITEMS,
                        PageQuery.of(Item.class),
                        request().cursor(xCursor).build()))
                .isEqualTo(InvalidCursorException.Reason.FILTER_MISMATCH);
        assertThat(refusal(ITEMS, x, request().cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.FILTER_MISMATCH);
    }

    @Test
    void expiredCursorIsRefused() {
        Instant start = CLOCK.instant();
        try {
            CLOCK.set(start.plus(Duration.ofHours(1)));
            assertThat(DB.tx(em -> ITEMS.keyset(
                                    em,
                                    PageQuery.of(Item.class),
                                    request().cursor(cursor).build()))
                            .items())
                    .isNotEmpty();
            CLOCK.set(start.plus(Duration.ofHours(1)).plusSeconds(1));
            assertThat(refusal(cursor)).isEqualTo(InvalidCursorException.Reason.EXPIRED);
        } finally {
            CLOCK.set(start);
        }
    }

    @Test
    void keysAreRotatedRetiredAndUnknown() {
        CursorCodec rotated = CursorCodec.builder()
                .signingKey("k2", K2)
                .verificationKey("k1", K1)
                .clock(CLOCK)
                .build();
        Paginator<Item> afterRotation = Paginator.of(DB.emf, SPEC, rotated);
        KeysetPage<Item> page = DB.tx(em -> afterRotation.keyset(
                em, PageQuery.of(Item.class), request().cursor(cursor).build()));
        assertThat(page.items()).hasSize(5);
        String k2Cursor = page.nextCursor().orElseThrow();

        CursorCodec retired = CursorCodec.builder()
                .signingKey("k2", K2)
                .retiredKey("k1")
                .clock(CLOCK)
                .build();
        Paginator<Item> afterRetirement = Paginator.of(DB.emf, SPEC, retired);
        assertThat(refusal(
                        afterRetirement,
                        PageQuery.of(Item.class),
                        request().cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.RETIRED_KEY);
        assertThat(DB.tx(em -> afterRetirement.keyset(
                                em,
                                PageQuery.of(Item.class),
                                request().cursor(k2Cursor).build()))
                        .items())
                .isNotEmpty();

        CursorCodec stranger =
                CursorCodec.builder().signingKey("k3", K2).clock(CLOCK).build();
        Paginator<Item> other = Paginator.of(DB.emf, SPEC, stranger);
        assertThat(refusal(
                        other,
                        PageQuery.of(Item.class),
                        request().cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.UNKNOWN_KEY);

        // Same kid, different secret: the signature fails.
        CursorCodec impostor =
                CursorCodec.builder().signingKey("k1", K2).clock(CLOCK).build();
        Paginator<Item> forged = Paginator.of(DB.emf, SPEC, impostor);
        assertThat(refusal(
                        forged,
                        PageQuery.of(Item.class),
                        request().cursor(cursor).build()))
                .isEqualTo(InvalidCursorException.Reason.BAD_SIGNATURE);
    }

    @Test
    void everyErrorHasATest() {
        Set<InvalidCursorException.Reason> covered = EnumSet.of(
                InvalidCursorException.Reason.TOO_LARGE,
                InvalidCursorException.Reason.MALFORMED,
                InvalidCursorException.Reason.UNKNOWN_KEY,
                InvalidCursorException.Reason.RETIRED_KEY,
                InvalidCursorException.Reason.BAD_SIGNATURE,
                InvalidCursorException.Reason.EXPIRED,
                InvalidCursorException.Reason.WRONG_ENTITY,
                InvalidCursorException.Reason.SORT_MISMATCH,
                InvalidCursorException.Reason.FILTER_MISMATCH,
                InvalidCursorException.Reason.POSITION_CHANGED); // LongValuesTest
        assertThat(covered).containsExactlyInAnyOrder(InvalidCursorException.Reason.values());
    }

    @Test
    void codecRefusesWeakOrConfusedConfiguration() {
        assertThatThrownBy(() -> CursorCodec.builder().signingKey("k", new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> CursorCodec.builder().signingKey("bad kid!", K1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorCodec.builder().signingKey("k".repeat(33), K1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorCodec.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CursorCodec.builder().signingKey("a", K1).signingKey("b", K2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CursorCodec.builder().signingKey("a", K1).verificationKey("a", K2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorCodec.builder().signingKey("a", K1).retiredKey("a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorCodec.builder().timeToLive(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorCodec.builder().timeToLive(Duration.ofDays(400)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorCodec.builder().maxLength(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cursorIsUrlSafeAndReadsNoSecret() {
        assertThat(cursor).matches("[A-Za-z0-9_-]+").hasSizeLessThan(120);
        assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1))
                .doesNotContain("secret");
    }
}
