package dev.groundwork.persistence;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A checked page request: size, sort and position. Made from query parameters by {@link #parse}, or in code by
 * {@link #builder}; every value is checked against the {@link SortSpec} before any query runs, and a bad value
 * throws {@link InvalidPageRequestException} with a message fit for a 400 response. Immutable and thread-safe.
 *
 * <p>Parameters read by {@link #parse}:
 *
 * <ul>
 *   <li>{@code limit}: the page size; the spec's default when absent.
 *   <li>{@code sort}: {@code -createdAt,name}; a leading {@code -} means descending. Absent: the spec's default,
 *       or with a cursor, the cursor's own sort.
 *   <li>{@code cursor}: a {@link KeysetPage#nextCursor()} or {@link KeysetPage#previousCursor()} value.
 *   <li>{@code after} / {@code before}: a row cursor (Relay {@code edges[].cursor}); the page starts after or
 *       ends before that row.
 *   <li>{@code page}: 1-based page number, for offset pages and slices (and a keyset start at an offset).
 * </ul>
 */
public final class PageRequest {
    private static final int MAX_ECHO = 40;

    /** How a cursor given with the request is to be read. */
    enum CursorUse {
        /** Use the direction written in the cursor. */
        AS_WRITTEN,
        /** Rows after the cursor's row. */
        AFTER,
        /** Rows before the cursor's row. */
        BEFORE
    }

    private final SortSpec<?> spec;
    private final int size;
    private final boolean clamped;
    private final List<SortKey> sort;
    private final boolean sortExplicit;
    private final @Nullable String cursor;
    private final CursorUse cursorUse;
    private final int page;

    private PageRequest(Builder b, int size, boolean clamped, List<SortKey> sort, boolean sortExplicit) {
        this.spec = b.spec;
        this.size = size;
        this.clamped = clamped;
        this.sort = List.copyOf(sort);
        this.sortExplicit = sortExplicit;
        this.cursor = b.cursor;
        this.cursorUse = b.cursorUse;
        this.page = b.page;
    }

    /**
     * Reads a request from query parameters ({@code limit}, {@code sort}, {@code cursor}, {@code after},
     * {@code before}, {@code page}).
     *
     * <pre>{@code
     * PageRequest parsed = PageRequest.parse(spec, queryParams::get);
     * }</pre>
     *
     * @param spec the endpoint's spec
     * @param parameters looks up a parameter's value; {@code null} or empty when absent
     * @return the checked request
     * @throws InvalidPageRequestException if a parameter is refused
     */
    @CheckReturnValue
    public static PageRequest parse(SortSpec<?> spec, Function<String, @Nullable String> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        Builder b = builder(spec);
        String limit = present(parameters.apply("limit"));
        if (limit != null) {
            b.size(parseNumber(limit, "limit", InvalidPageRequestException.Reason.SIZE_NOT_A_NUMBER));
        }
        String sort = present(parameters.apply("sort"));
        if (sort != null) {
            b.sort(sort);
        }
        // The builder refuses a second position, so cursor, after and before exclude each other here too.
        String cursor = present(parameters.apply("cursor"));
        if (cursor != null) {
            b.cursor(cursor);
        }
        String after = present(parameters.apply("after"));
        if (after != null) {
            b.after(after);
        }
        String before = present(parameters.apply("before"));
        if (before != null) {
            b.before(before);
        }
        String page = present(parameters.apply("page"));
        if (page != null) {
            b.page(parseNumber(page, "page", InvalidPageRequestException.Reason.PAGE_NOT_A_NUMBER));
        }
        return b.build();
    }

    /**
     * Starts a request in code. The same checks as {@link #parse} apply.
     *
     * @param spec the endpoint's spec
     * @return a builder
     */
    public static Builder builder(SortSpec<?> spec) {
        return new Builder(Objects.requireNonNull(spec, "spec"));
    }

    /**
     * Returns the spec this request was checked against.
     *
     * @return the spec
     */
    public SortSpec<?> spec() {
        return spec;
    }

    /**
     * Returns the page size.
     *
     * @return between 1 and the spec's maximum
     */
    public int size() {
        return size;
    }

    /**
     * Tells whether the asked size was above the maximum and replaced by it ({@link SizePolicy#CLAMP}).
     *
     * @return {@code true} if clamped
     */
    public boolean clamped() {
        return clamped;
    }

    /**
     * Returns the requested sort, without the tie-breaker that pagination appends.
     *
     * @return the sort keys; the spec's default when the request named none
     */
    public List<SortKey> sort() {
        return sort;
    }

    /**
     * Tells whether the request named its sort (rather than taking the default or the cursor's).
     *
     * @return {@code true} if a sort was given
     */
    public boolean sortExplicit() {
        return sortExplicit;
    }

    /**
     * Returns the cursor, if one was given.
     *
     * @return the raw cursor text
     */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    CursorUse cursorUse() {
        return cursorUse;
    }

    /**
     * Returns the 0-based page index ({@code page} parameter minus one).
     *
     * @return the page index, 0 when none was given
     */
    public int pageIndex() {
        return page;
    }

    /**
     * Returns the row offset of this page: page index times size.
     *
     * @return the offset
     */
    public int offset() {
        return page * size;
    }

    @Override
    public String toString() {
        return "PageRequest[size=" + size + ", sort=" + sort + ", page=" + (page + 1)
                + (cursor == null ? "" : ", cursor=" + cursorUse) + "]";
    }

    static List<SortKey> parseSort(SortSpec<?> spec, String text) {
        if (text.length() > 1024) {
            throw new InvalidPageRequestException(
                    InvalidPageRequestException.Reason.MALFORMED_SORT, "sort is longer than 1024 characters");
        }
        List<SortKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : text.split(",", -1)) {
            String token = part.strip();
            Direction direction = Direction.ASC;
            if (token.startsWith("-")) {
                direction = Direction.DESC;
                token = token.substring(1);
            } else if (token.startsWith("+")) {
                token = token.substring(1);
            }
            if (!SortSpec.NAME.matcher(token).matches()) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.MALFORMED_SORT,
                        "sort must be field names separated by commas, each optionally prefixed by '-'; got "
                                + echo(part));
            }
            if (spec.field(token) == null) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.UNKNOWN_SORT_FIELD,
                        "cannot sort by " + echo(token) + "; sortable fields: " + String.join(", ", spec.fieldNames()));
            }
            if (!seen.add(token)) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.DUPLICATE_SORT_FIELD,
                        "sort names " + echo(token) + " twice");
            }
            keys.add(new SortKey(token, direction));
        }
        if (keys.size() > spec.maxSortFields()) {
            throw new InvalidPageRequestException(
                    InvalidPageRequestException.Reason.TOO_MANY_SORT_FIELDS,
                    "sort names " + keys.size() + " fields; at most " + spec.maxSortFields() + " are allowed");
        }
        return keys;
    }

    private static int parseNumber(String text, String name, InvalidPageRequestException.Reason error) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
            throw new InvalidPageRequestException(error, "'" + name + "' must be a whole number; got " + echo(text));
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new InvalidPageRequestException(error, "'" + name + "' must be a whole number; got " + echo(text));
        }
    }

    private static @Nullable String present(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Quotes user input for an error message: printable ASCII only, shortened. */
    static String echo(String value) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(value.length(), MAX_ECHO);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        if (value.length() > MAX_ECHO) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    /** Builds a {@link PageRequest}; not thread-safe. */
    public static final class Builder {
        private final SortSpec<?> spec;
        private @Nullable Integer size;
        private @Nullable String sort;
        private @Nullable String cursor;
        private CursorUse cursorUse = CursorUse.AS_WRITTEN;
        private int page;
        /** Whether a page number was given at all: page 1 conflicts with a cursor as much as page 9 does. */
        private boolean pageGiven;

        private Builder(SortSpec<?> spec) {
            this.spec = spec;
        }

        /**
         * Sets the page size.
         *
         * @param size between 1 and the spec's maximum (or above it with {@link SizePolicy#CLAMP})
         * @return this builder
         */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /**
         * Sets the sort, in the parameter syntax ({@code -createdAt,name}).
         *
         * @param sort the sort
         * @return this builder
         */
        public Builder sort(String sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        /**
         * Continues from a page cursor, in the direction written in it.
         *
         * @param cursor a {@link KeysetPage#nextCursor()} or {@link KeysetPage#previousCursor()} value
         * @return this builder
         */
        public Builder cursor(String cursor) {
            return position(cursor, CursorUse.AS_WRITTEN);
        }

        /**
         * Asks for the rows after a row cursor.
         *
         * @param cursor a row's cursor
         * @return this builder
         */
        public Builder after(String cursor) {
            return position(cursor, CursorUse.AFTER);
        }

        /**
         * Asks for the rows before a row cursor (the page ending just before it).
         *
         * @param cursor a row's cursor
         * @return this builder
         */
        public Builder before(String cursor) {
            return position(cursor, CursorUse.BEFORE);
        }

        private Builder position(String cursor, CursorUse use) {
            if (this.cursor != null) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS,
                        "give at most one of 'cursor', 'after' and 'before'");
            }
            this.cursor = Objects.requireNonNull(cursor, "cursor");
            this.cursorUse = use;
            return this;
        }

        /**
         * Sets the 1-based page number.
         *
         * @param page at least 1
         * @return this builder
         */
        public Builder page(int page) {
            if (page < 1) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.PAGE_OUT_OF_RANGE, "'page' must be 1 or more; got " + page);
            }
            this.page = page - 1;
            this.pageGiven = true;
            return this;
        }

        /**
         * Checks everything and builds the request.
         *
         * @return the request
         * @throws InvalidPageRequestException if a value is refused
         */
        public PageRequest build() {
            int n = size == null ? spec.defaultSize() : size;
            boolean clamped = false;
            if (n < 1) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.SIZE_TOO_SMALL, "'limit' must be 1 or more; got " + n);
            }
            if (n > spec.maxSize()) {
                if (spec.sizePolicy() == SizePolicy.REJECT) {
                    throw new InvalidPageRequestException(
                            InvalidPageRequestException.Reason.SIZE_TOO_LARGE,
                            "'limit' must be at most " + spec.maxSize() + "; got " + n);
                }
                n = spec.maxSize();
                clamped = true;
            }
            if (cursor != null && pageGiven) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.CONFLICTING_PARAMETERS,
                        "give either a cursor or 'page', not both");
            }
            if ((long) page * n > Integer.MAX_VALUE - n) {
                throw new InvalidPageRequestException(
                        InvalidPageRequestException.Reason.PAGE_OUT_OF_RANGE,
                        "'page' " + (page + 1) + " is out of range");
            }
            String requested = sort;
            boolean explicit = requested != null;
            List<SortKey> keys = requested != null ? parseSort(spec, requested) : spec.defaultSort();
            return new PageRequest(this, n, clamped, keys, explicit);
        }
    }
}
