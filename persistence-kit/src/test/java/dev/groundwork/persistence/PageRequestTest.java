package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Page requests from query parameters: defaults, whitelist, and every bad value refused with its own error. */
class PageRequestTest {
    static final SortSpec<Item> SPEC = SortSpec.builder(Item.class)
            .field("createdAt", "at")
            .field("name")
            .field("group", "grp")
            .defaultSort("-createdAt")
            .pageSize(20, 100)
            .build();

    static PageRequest parse(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return PageRequest.parse(SPEC, params::get);
    }

    static InvalidPageRequestException.Reason refusal(String... pairs) {
        InvalidPageRequestException e = catchThrowableOfType(InvalidPageRequestException.class, () -> parse(pairs));
        assertThat(e).as("refused: %s", String.join(" ", pairs)).isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContainPattern("[\\x00-\\x1f\\x7f]");
        return e.reason();
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        PageRequest r = parse();
        assertThat(r.size()).isEqualTo(20);
        assertThat(r.sort()).containsExactly(new SortKey("createdAt", Direction.DESC));
        assertThat(r.sortExplicit()).isFalse();
        assertThat(r.cursor()).isEmpty();
        assertThat(r.pageIndex()).isZero();
        assertThat(r.offset()).isZero();
    }

    @Test
    void readsSizeSortAndPage() {
        PageRequest r = parse("limit", "50", "sort", "-createdAt, name,+group", "page", "3");
        assertThat(r.size()).isEqualTo(50);
        assertThat(r.sort()).extracting(SortKey::toString).containsExactly("-createdAt", "name", "group");
        assertThat(r.sortExplicit()).isTrue();
        assertThat(r.pageIndex()).isEqualTo(2);
        assertThat(r.offset()).isEqualTo(100);
        assertThat(parse("limit", "", "sort", "").size()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({
        "limit, -1, SIZE_TOO_SMALL",
        "limit, 0, SIZE_TOO_SMALL",
        "limit, 101, SIZE_TOO_LARGE",
        "limit, 2147483647, SIZE_TOO_LARGE",
        "limit, 99999999999, SIZE_NOT_A_NUMBER",
        "limit, ten, SIZE_NOT_A_NUMBER",
        "limit, 1e3, SIZE_NOT_A_NUMBER",
        "limit, 0x10, SIZE_NOT_A_NUMBER",
        "limit, 5.0, SIZE_NOT_A_NUMBER",
        "limit, --5, SIZE_NOT_A_NUMBER",
        "page, 0, PAGE_OUT_OF_RANGE",
        "page, -3, PAGE_OUT_OF_RANGE",
        "page, 2147483647, PAGE_OUT_OF_RANGE",
        "page, one, PAGE_NOT_A_NUMBER",
        "sort, password, UNKNOWN_SORT_FIELD",
        "sort, at, UNKNOWN_SORT_FIELD",
        "sort, grp, UNKNOWN_SORT_FIELD",
        "sort, id, UNKNOWN_SORT_FIELD",
        "sort, 'name,name', DUPLICATE_SORT_FIELD",
        "sort, 'name,-name', DUPLICATE_SORT_FIELD",
        "sort, 'name,,group', MALFORMED_SORT",
        "sort, '-', MALFORMED_SORT",
        "sort, '--name', MALFORMED_SORT",
        "sort, 'name desc', MALFORMED_SORT",
        "sort, 'name;drop table item', MALFORMED_SORT",
        "sort, '1name', MALFORMED_SORT",
        "sort, 'a.b', MALFORMED_SORT",
        "sort, 'name)', MALFORMED_SORT",
    })
    void refusesBadParameters(String name, String value, InvalidPageRequestException.Reason expected) {
        assertThat(refusal(name, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "createdAt; DROP TABLE item; --",
                "name' OR '1'='1",
                "(select 1)",
                "name\u0000",
                "nameé",
                "case when 1=1 then name end",
                "name\r\nX-Injected: 1"
            })
    void sqlLookingSortNamesNeverReachAQuery(String sort) {
        assertThat(refusal("sort", sort))
                .isIn(
                        InvalidPageRequestException.Reason.MALFORMED_SORT,
                        InvalidPageRequestException.Reason.UNKNOWN_SORT_FIELD);
    }

    @Test
    void tooManyOrOverlongSortsAreRefused() {
        SortSpec<Item> one = SortSpec.builder(Item.class)
                .field("name")
                .field("grp")
                .maxSortFields(1)
                .build();
        InvalidPageRequestException e = catchThrowableOfType(
                InvalidPageRequestException.class,
                () -> PageRequest.builder(one).sort("name,grp").build());
        assertThat(e.reason()).isEqualTo(InvalidPageRequestException.Reason.TOO_MANY_SORT_FIELDS);
        assertThat(refusal("sort", "name,".repeat(300))).isEqualTo(InvalidPageRequestException.Reason.MALFORMED_SORT);
    }

    @Test
    void conflictingPositionsAreRefused() {
        assertThat(refusal("cursor", "abc", "after", "def"))
                .isEqualTo(InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS);
        assertThat(refusal("after", "abc", "before", "def"))
                .isEqualTo(InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS);
        assertThat(refusal("cursor", "abc", "page", "2"))
                .isEqualTo(InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS);
        // Issue 10.10: page 1 is a page number too; presence, not value, makes the conflict.
        assertThat(refusal("cursor", "abc", "page", "1"))
                .isEqualTo(InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS);
        assertThat(refusal("after", "abc", "page", "1"))
                .isEqualTo(InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS);
        assertThat(refusal("before", "abc", "page", "1"))
                .isEqualTo(InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS);
        assertThatThrownBy(() -> PageRequest.builder(SPEC).page(1).cursor("a").build())
                .isInstanceOf(InvalidPageRequestException.class);
        assertThatThrownBy(() -> PageRequest.builder(SPEC).after("a").before("b"))
                .isInstanceOf(InvalidPageRequestException.class);
    }

    @Test
    void echoedValuesAreShortAndPrintable() {
        InvalidPageRequestException e = catchThrowableOfType(
                InvalidPageRequestException.class, () -> parse("sort", "x".repeat(500) + "\u0007"));
        assertThat(e.getMessage()).hasSizeLessThan(200).contains("...");
        InvalidPageRequestException e2 =
                catchThrowableOfType(InvalidPageRequestException.class, () -> parse("limit", "<script>\n"));
        assertThat(e2.getMessage()).contains("'<script>?'");
    }

    @Test
    void clampIsExplicitAndReported() {
        SortSpec<Item> clamp = SortSpec.builder(Item.class)
                .field("name")
                .pageSize(10, 50)
                .oversize(SizePolicy.CLAMP)
                .build();
        PageRequest r = PageRequest.parse(clamp, Map.of("limit", "500")::get);
        assertThat(r.size()).isEqualTo(50);
        assertThat(r.clamped()).isTrue();
        assertThat(PageRequest.parse(clamp, Map.of("limit", "50")::get).clamped())
                .isFalse();
        assertThatThrownBy(() -> PageRequest.parse(clamp, Map.of("limit", "0")::get))
                .isInstanceOf(InvalidPageRequestException.class);
    }

    @Test
    void specRefusesNonsense() {
        assertThatThrownBy(() -> SortSpec.builder(Item.class).pageSize(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class).pageSize(20, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class).pageSize(1, 10_001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class).field("a b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class).field("ok", "x;y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class).field("name").field("name"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class)
                        .field("name")
                        .defaultSort("nope")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default sort");
        assertThatThrownBy(() -> SortSpec.builder(Item.class).notNull("missing"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortSpec.builder(Item.class).maxSortFields(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
