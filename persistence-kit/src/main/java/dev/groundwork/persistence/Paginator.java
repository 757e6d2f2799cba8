package dev.groundwork.persistence;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.groundwork.persistence.internal.Annotations;
import dev.groundwork.persistence.internal.CriteriaListing;
import dev.groundwork.persistence.internal.CursorValues;
import dev.groundwork.persistence.internal.ListingQuery;
import dev.groundwork.persistence.internal.Seek;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.SingularAttribute;
import jakarta.persistence.metamodel.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads offset pages, slices and keyset pages of one entity with the Criteria API, on any JPA provider. Created
 * once per listing from a {@link SortSpec} and a {@link CursorCodec}; every whitelisted path is checked against
 * the JPA metamodel then. Each call takes the caller's {@link EntityManager}, so transactions stay the
 * caller's. Thread-safe and immutable.
 *
 * <pre>{@code
 * Paginator<Event> events = Paginator.of(emf, spec, codec);
 * PageRequest request = PageRequest.parse(spec, params::get); // 400 on bad input
 * KeysetPage<Event> page = events.keyset(em, request);
 * }</pre>
 *
 * <p>Keyset pages read {@code size + 1} rows in one statement (two when the position sits at the null boundary
 * of a nullable leading key), sorted in the database by the requested keys plus a unique tie-breaker. The next
 * page starts strictly after the last row's exact key values, compared only in SQL, so rows inserted or deleted
 * between requests never make a stable row repeat or vanish.
 *
 * @param <T> the entity type
 */
public final class Paginator<T> {
    /** A whitelisted field resolved against the metamodel. */
    private record Field(
            String name, String[] path, boolean nullable, boolean unique, Class<?> javaType, boolean rowSafe) {}

    /** One sort key of a request, resolved. */
    private record Key(Field field, Direction direction) {
        SortKey sortKey() {
            return new SortKey(field.name(), direction);
        }
    }

    private final SortSpec<T> spec;
    private final CursorCodec codec;
    private final SeekShape shape;
    private final EntityType<T> entityType;
    private final Map<String, Field> fields;
    private final Field tieBreaker;
    private final long entityHash;

    /** Rows sharing a digested key's prefix that are read to find the cursor's own row. */
    private static final int DIGEST_CANDIDATES = 64;

    private Paginator(EntityManagerFactory emf, SortSpec<T> spec, CursorCodec codec, SeekShape shape) {
        this.spec = spec;
        this.codec = codec;
        this.shape = shape;
        this.entityType = emf.getMetamodel().entity(spec.entity());
        Map<String, Field> resolved = new LinkedHashMap<>();
        for (SortSpec.Field f : spec.fields().values()) {
            resolved.put(f.name(), resolve(f.name(), f.path(), f.unique(), f.declaredNotNull()));
        }
        String tiePath = spec.tieBreakerPath() != null ? spec.tieBreakerPath() : idAttribute(entityType);
        Field tie = null;
        for (Field f : resolved.values()) {
            if (String.join(".", f.path()).equals(tiePath)) {
                tie = new Field(f.name(), f.path(), false, true, f.javaType(), f.rowSafe());
                resolved.put(f.name(), tie);
            }
        }
        if (tie == null) {
            String name = tiePath.replace('.', '_');
            if (resolved.containsKey(name)) {
                throw new IllegalArgumentException("the tie-breaker '" + tiePath + "' clashes with the field '" + name
                        + "'; declare it as a field with its own path");
            }
            tie = resolve(name, tiePath, true, true);
        }
        this.tieBreaker = tie;
        this.fields = Collections.unmodifiableMap(resolved);
        this.entityHash = CursorCodec.fingerprint(
                entityType.getName() + "|" + spec.entity().getName());
        checkCursorsFit();
    }

    /**
     * Refuses, here rather than on some row later, a spec whose cursors could outgrow the codec's
     * {@code maxLength}: the longest sort a request may ask for, each value at its largest (text and large
     * numbers as digests, see {@link CursorCodec}), plus the tie-breaker.
     */
    private void checkCursorsFit() {
        List<Integer> costs = new ArrayList<>();
        for (Field f : fields.values()) {
            if (f != tieBreaker) {
                costs.add(cost(f));
            }
        }
        costs.sort(Collections.reverseOrder());
        int worst = cost(tieBreaker);
        for (int i = 0; i < Math.min(spec.maxSortFields(), costs.size()); i++) {
            worst += costs.get(i);
        }
        int budget = codec.namesAndValuesBudget();
        if (worst > budget) {
            throw new IllegalArgumentException("cursors of this spec may take " + worst + " bytes of sort names and"
                    + " values, more than the " + budget + " the codec's maxLength leaves; raise"
                    + " CursorCodec.Builder.maxLength, or lower maxSortFields");
        }
    }

    /** A sort key's largest footprint in a cursor: its name, direction and value. */
    private static int cost(Field f) {
        return 2 + f.name().length() + CursorValues.worstCase(f.javaType(), f.unique());
    }

    /**
     * Starts a paginator for a spec: name the key that signs cursors (or pass a shared {@link CursorCodec}), and
     * build. The common case needs no other type:
     *
     * <pre>{@code
     * Paginator<Event> built =
     *         Paginator.builder(emf, spec).cursorKey("2026-11", cursorSecret).build();
     * }</pre>
     *
     * @param emf the factory whose metamodel the spec is checked against
     * @param spec the listing's spec
     * @param <T> the entity type
     * @return a builder
     */
    public static <T> Builder<T> builder(EntityManagerFactory emf, SortSpec<T> spec) {
        return new Builder<>(Objects.requireNonNull(emf, "emf"), Objects.requireNonNull(spec, "spec"));
    }

    /**
     * Creates a paginator with the {@linkplain SeekShape#BOUNDED_OR default seek shape} and a shared codec.
     *
     * @param emf the factory whose metamodel the spec is checked against
     * @param spec the listing's spec
     * @param codec signs and checks cursors
     * @param <T> the entity type
     * @return the paginator
     * @throws IllegalArgumentException if the spec's entity is not an entity of {@code emf}, or a field path does
     *     not name a sortable attribute (missing, a collection, an association, or of a type cursors cannot hold)
     */
    public static <T> Paginator<T> of(EntityManagerFactory emf, SortSpec<T> spec, CursorCodec codec) {
        return of(emf, spec, codec, SeekShape.BOUNDED_OR);
    }

    /**
     * Creates a paginator with a chosen seek shape.
     *
     * @param emf the factory whose metamodel the spec is checked against
     * @param spec the listing's spec
     * @param codec signs and checks cursors
     * @param shape the seek predicate shape
     * @param <T> the entity type
     * @return the paginator
     * @throws IllegalArgumentException as {@link #of(EntityManagerFactory, SortSpec, CursorCodec)}
     */
    public static <T> Paginator<T> of(EntityManagerFactory emf, SortSpec<T> spec, CursorCodec codec, SeekShape shape) {
        Objects.requireNonNull(emf, "emf");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(shape, "shape");
        return new Paginator<>(emf, spec, codec, shape);
    }

    /**
     * Reads a keyset page of every row of the entity, unfiltered; see {@link #keyset(EntityManager, PageQuery,
     * PageRequest)}.
     *
     * @param em the entity manager to read with
     * @param request the checked request
     * @return the page
     * @throws InvalidCursorException if the request's cursor is refused; no query runs then
     */
    @CheckReturnValue
    public KeysetPage<T> keyset(EntityManager em, PageRequest request) {
        return keyset(em, PageQuery.of(spec.entity()), request);
    }

    /**
     * Reads a keyset page: the first page, the page after or before a cursor, or (with a page number) the page
     * at an offset from which keyset paging continues.
     *
     * @param em the entity manager to read with
     * @param query what to list
     * @param request the checked request
     * @return the page
     * @throws InvalidCursorException if the request's cursor is refused; no query runs then
     * @throws IllegalArgumentException if the query or request belongs to another entity or spec
     */
    @CheckReturnValue
    public KeysetPage<T> keyset(EntityManager em, PageQuery<T> query, PageRequest request) {
        check(em, query, request);
        List<Key> keys;
        @Nullable Object[] position = null;
        boolean backward = false;
        boolean inclusive = false;
        long filterHash = CursorCodec.fingerprint(query.filterKey());
        String cursor = request.cursor().orElse(null);
        if (cursor != null) {
            CursorCodec.Content content = codec.decode(cursor);
            if (content.entityHash() != entityHash) {
                throw CursorCodec.error(
                        InvalidCursorException.Reason.WRONG_ENTITY, "the cursor belongs to another listing");
            }
            if (content.filterHash() != filterHash) {
                throw CursorCodec.error(
                        InvalidCursorException.Reason.FILTER_MISMATCH,
                        "the cursor was issued for other filters; start from the first page");
            }
            List<Key> cursorKeys = fromCursor(content.sort());
            if (content.keysHash() != keysHash(cursorKeys)) {
                // Same names, other attributes (another spec sharing the codec): the values would mean nothing here.
                throw sortMismatch("the cursor was issued for another sort; start from the first page");
            }
            keys = request.sortExplicit() ? resolveSort(request.sort()) : cursorKeys;
            if (!keys.equals(cursorKeys)) {
                throw sortMismatch("the cursor was issued for another sort; start from the first page");
            }
            position = values(content.values(), keys);
            resolveDigests(em, keys, position);
            backward = switch (request.cursorUse()) {
                case AS_WRITTEN -> content.before();
                case AFTER -> false;
                case BEFORE -> true;
            };
            // Only a page cursor can include its own row (the previous page of a page past the end).
            inclusive = request.cursorUse() == PageRequest.CursorUse.AS_WRITTEN && content.inclusive();
        } else {
            keys = resolveSort(request.sort());
        }
        List<Key> queryKeys = backward ? reverse(keys) : keys;
        List<Seek.Key> seekKeys = new ArrayList<>();
        if (position != null) {
            for (int i = 0; i < queryKeys.size(); i++) {
                Key k = queryKeys.get(i);
                seekKeys.add(new Seek.Key(
                        k.direction() == Direction.DESC,
                        k.field().nullable(),
                        spec.nullOrdering().nullsFirst(k.direction()),
                        position[i]));
            }
        }
        int limit = request.size() + 1;
        int offset = position == null ? request.offset() : 0;
        List<Object[]> rows = new ArrayList<>(limit);
        Seek.Shape seekShape = seekShape(query, queryKeys, seekKeys);
        for (Seek.Segment segment : Seek.plan(seekKeys, seekShape)) {
            int need = limit - rows.size();
            if (need <= 0) {
                break;
            }
            rows.addAll(select(em, query, queryKeys, seekKeys, segment, seekShape, inclusive, offset, need));
        }
        boolean more = rows.size() > request.size();
        if (more) {
            rows = rows.subList(0, request.size());
        }
        if (backward) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }
        List<T> items = new ArrayList<>(rows.size());
        List<@Nullable Object[]> positions = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            items.add(spec.entity().cast(row[0]));
            Object[] values = new Object[keys.size()];
            System.arraycopy(row, 1, values, 0, keys.size());
            positions.add(values);
        }
        boolean hasNext = backward ? position != null && !inclusive : more;
        boolean hasPrevious = backward ? more : position != null || offset > 0;
        @Nullable Object[] lastRow = null;
        if (items.isEmpty() && position == null && offset > 0) {
            // A page number past the end: rows precede it only if the listing has any, and the way back is a
            // cursor to the last page, which ends with (and includes) the last row.
            List<Object[]> last =
                    select(em, query, reverse(keys), List.of(), Seek.Segment.ALL, Seek.Shape.PLAIN, false, 0, 1);
            hasPrevious = !last.isEmpty();
            if (hasPrevious) {
                lastRow = new Object[keys.size()];
                System.arraycopy(last.get(0), 1, lastRow, 0, keys.size());
            }
        }
        List<SortKey> sortKeys = keys.stream().map(Key::sortKey).toList();
        long keysHash = keysHash(keys);
        return new KeysetPage<>(
                items,
                positions,
                hasNext,
                hasPrevious,
                sortKeys,
                position,
                lastRow,
                position == null ? null : publicShape(seekShape),
                (before, inclusiveOfPosition, values) ->
                        codec.encode(before, inclusiveOfPosition, entityHash, filterHash, keysHash, sortKeys, values));
    }

    /**
     * Reads a page by number and counts the total as the mode says (no count when the page proves it).
     *
     * @param em the entity manager to read with
     * @param query what to list
     * @param request the checked request; its cursor, if any, is refused
     * @param count how to count
     * @return the page
     * @throws IllegalArgumentException if the request carries a cursor, or belongs to another spec
     */
    @CheckReturnValue
    public OffsetPage<T> offset(EntityManager em, PageQuery<T> query, PageRequest request, CountMode count) {
        Objects.requireNonNull(count, "count");
        List<T> rows = readOffset(em, query, request);
        int size = request.size();
        boolean hasNext = rows.size() > size;
        List<T> items = hasNext ? rows.subList(0, size) : rows;
        Total total;
        if (!hasNext && (!items.isEmpty() || request.offset() == 0)) {
            total = new Total.Exact((long) request.offset() + items.size());
        } else if (count instanceof CountMode.Bounded bounded) {
            total = boundedCount(em, query, bounded.bound());
        } else if (count == CountMode.exact()) {
            total = new Total.Exact(count(em, query));
        } else {
            total = new Total.Unknown();
        }
        return new OffsetPage<>(items, request.pageIndex() + 1, size, hasNext, total);
    }

    /**
     * Reads a page by number without counting.
     *
     * @param em the entity manager to read with
     * @param query what to list
     * @param request the checked request; its cursor, if any, is refused
     * @return the slice
     * @throws IllegalArgumentException if the request carries a cursor, or belongs to another spec
     */
    @CheckReturnValue
    public Slice<T> slice(EntityManager em, PageQuery<T> query, PageRequest request) {
        List<T> rows = readOffset(em, query, request);
        boolean hasNext = rows.size() > request.size();
        return new Slice<>(
                hasNext ? rows.subList(0, request.size()) : rows, request.pageIndex() + 1, request.size(), hasNext);
    }

    private List<T> readOffset(EntityManager em, PageQuery<T> query, PageRequest request) {
        check(em, query, request);
        if (request.cursor().isPresent()) {
            throw new IllegalArgumentException("offset pages and slices take a page number, not a cursor");
        }
        List<Key> keys = resolveSort(request.sort());
        List<Object[]> rows = select(
                em,
                query,
                keys,
                List.of(),
                Seek.Segment.ALL,
                Seek.Shape.PLAIN,
                false,
                request.offset(),
                request.size() + 1);
        List<T> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            items.add(spec.entity().cast(row[0]));
        }
        return items;
    }

    private void check(EntityManager em, PageQuery<T> query, PageRequest request) {
        Objects.requireNonNull(em, "em");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(request, "request");
        if (request.spec() != spec) {
            throw new IllegalArgumentException("the page request was checked against another SortSpec");
        }
        if (query.entity() != spec.entity()) {
            throw new IllegalArgumentException(
                    "the query lists " + query.entity().getName() + ", this paginator "
                            + spec.entity().getName());
        }
    }

    private Seek.Shape seekShape(PageQuery<T> query, List<Key> keys, List<Seek.Key> position) {
        return switch (shape) {
            case PLAIN_OR -> Seek.Shape.PLAIN;
            case BOUNDED_OR -> Seek.Shape.BOUNDED;
            case ROW_VALUE ->
                listing(query).supportsRowValues()
                                && Seek.rowValueApplies(position)
                                && keys.stream().allMatch(k -> k.field().rowSafe())
                        ? Seek.Shape.ROW
                        : Seek.Shape.BOUNDED;
        };
    }

    private static SeekShape publicShape(Seek.Shape shape) {
        return switch (shape) {
            case BOUNDED -> SeekShape.BOUNDED_OR;
            case PLAIN -> SeekShape.PLAIN_OR;
            case ROW -> SeekShape.ROW_VALUE;
        };
    }

    private List<Object[]> select(
            EntityManager em,
            PageQuery<T> query,
            List<Key> keys,
            List<Seek.Key> position,
            Seek.Segment segment,
            Seek.Shape seekShape,
            boolean inclusive,
            int offset,
            int max) {
        for (String fetch : query.fetches()) {
            if (attribute(fetch).isCollection()) {
                throw new IllegalArgumentException("cannot fetch the collection '" + fetch
                        + "' with a page: JPA providers would page in memory; load it with a second query");
            }
        }
        List<String[]> paths = new ArrayList<>(keys.size());
        List<Boolean> descending = new ArrayList<>(keys.size());
        for (Key key : keys) {
            paths.add(key.field().path());
            descending.add(key.direction() == Direction.DESC);
        }
        return listing(query)
                .select(
                        em,
                        new ListingQuery.Page(paths, descending, position, segment, seekShape, inclusive, offset, max));
    }

    private ListingQuery<T> listing(PageQuery<T> query) {
        return query.listing(entityType.getName());
    }

    private long count(EntityManager em, PageQuery<T> query) {
        return listing(query).count(em);
    }

    private Total boundedCount(EntityManager em, PageQuery<T> query, long bound) {
        if (listing(query).exceeds(em, tieBreaker.path(), bound)) {
            return new Total.MoreThan(bound);
        }
        return new Total.Exact(count(em, query));
    }

    private Attribute<? super T, ?> attribute(String name) {
        try {
            return entityType.getAttribute(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "entity " + entityType.getName() + " has no attribute '" + name + "'", e);
        }
    }

    private List<Key> resolveSort(List<SortKey> sort) {
        List<Key> keys = new ArrayList<>(sort.size() + 1);
        for (SortKey s : sort) {
            Field f = fields.get(s.field());
            if (f == null) {
                throw new IllegalArgumentException("sort field '" + s.field() + "' is not in the spec");
            }
            keys.add(new Key(f, s.direction()));
            if (f.unique()) {
                return keys;
            }
        }
        keys.add(new Key(
                tieBreaker,
                keys.isEmpty() ? Direction.ASC : keys.get(keys.size() - 1).direction()));
        return keys;
    }

    /** Resolves a cursor's full sort; it must be exactly what resolving it again yields. */
    private List<Key> fromCursor(List<SortKey> sort) {
        List<Key> keys = new ArrayList<>(sort.size());
        for (SortKey s : sort) {
            Field f = s.field().equals(tieBreaker.name()) ? tieBreaker : fields.get(s.field());
            if (f == null) {
                throw sortMismatch("the cursor was issued for another sort; start from the first page");
            }
            keys.add(new Key(f, s.direction()));
        }
        Key last = keys.get(keys.size() - 1);
        for (int i = 0; i < keys.size() - 1; i++) {
            if (keys.get(i).field().unique()) {
                throw sortMismatch("the cursor's sort is not one this listing uses");
            }
        }
        if (!last.field().unique()) {
            throw sortMismatch("the cursor's sort is not one this listing uses");
        }
        return keys;
    }

    /**
     * Fingerprints what the sort names stand for: each key's attribute path and value type, the tie-breaker's
     * included. Two specs that give one name to different attributes produce different hashes.
     */
    private static long keysHash(List<Key> keys) {
        StringBuilder text = new StringBuilder();
        for (Key key : keys) {
            text.append(key.field().name())
                    .append('=')
                    .append(String.join(".", key.field().path()))
                    .append(':')
                    .append(key.field().javaType().getName())
                    .append(key.field().unique() ? "!" : "")
                    .append(';');
        }
        return CursorCodec.fingerprint(text.toString());
    }

    private @Nullable Object[] values(List<@Nullable Object> raw, List<Key> keys) {
        @Nullable Object[] values = new Object[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Field f = keys.get(i).field();
            Object v = raw.get(i);
            Class<?> type = CursorValues.box(f.javaType());
            if (v instanceof CursorValues.EnumName name && type.isEnum()) {
                v = enumConstant(type, name.name());
            }
            if (v instanceof CursorValues.Digest digest
                    && (digest.isText() ? type == String.class : CursorValues.digestible(zero(type)))) {
                values[i] = digest;
                continue;
            }
            if (v == null ? !f.nullable() : !type.isInstance(v)) {
                throw sortMismatch("the cursor's values do not fit this listing's sort");
            }
            values[i] = v;
        }
        return values;
    }

    private static @Nullable Object zero(Class<?> type) {
        if (type == java.math.BigDecimal.class) {
            return java.math.BigDecimal.ZERO;
        }
        return type == java.math.BigInteger.class ? java.math.BigInteger.ZERO : null;
    }

    /**
     * Replaces the digests of a position (values too long for the cursor) with the exact values, read from the
     * row the cursor was written at. The last key is unique and finds that row: by its value, or by the prefix
     * of its text when it was digested too; each digest must then match the row as it is now. If the row is
     * gone or its sort values changed, the position cannot be known exactly and the cursor is refused.
     */
    private void resolveDigests(EntityManager em, List<Key> keys, @Nullable Object[] position) {
        boolean any = false;
        for (Object value : position) {
            any |= value instanceof CursorValues.Digest;
        }
        if (!any) {
            return;
        }
        int last = keys.size() - 1;
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Object[]> cq = cb.createQuery(Object[].class);
        Root<T> root = cq.from(spec.entity());
        List<Selection<?>> selection = new ArrayList<>(keys.size());
        for (Key key : keys) {
            selection.add(CriteriaListing.path(root, key.field().path()));
        }
        cq.multiselect(selection);
        Path<?> unique = CriteriaListing.path(root, keys.get(last).field().path());
        if (position[last] instanceof CursorValues.Digest digest) {
            int length = digest.prefix().codePointCount(0, digest.prefix().length());
            cq.where(cb.equal(cb.substring(unique.as(String.class), 1, length), digest.prefix()));
        } else {
            cq.where(cb.equal(unique, position[last]));
        }
        for (Object[] row : em.createQuery(cq).setMaxResults(DIGEST_CANDIDATES).getResultList()) {
            boolean match = true;
            for (int i = 0; i < keys.size() && match; i++) {
                Object expected = position[i];
                match = expected instanceof CursorValues.Digest digest
                        ? digest.matches(row[i])
                        : i != last || Objects.equals(expected, row[i]);
            }
            if (match) {
                for (int i = 0; i < keys.size(); i++) {
                    if (position[i] instanceof CursorValues.Digest) {
                        position[i] = row[i];
                    }
                }
                return;
            }
        }
        throw CursorCodec.error(
                InvalidCursorException.Reason.POSITION_CHANGED,
                "the row this cursor continues from was changed or deleted; start from the first page");
    }

    private static Object enumConstant(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw sortMismatch("the cursor's values do not fit this listing's sort");
    }

    private static List<Key> reverse(List<Key> keys) {
        List<Key> reversed = new ArrayList<>(keys.size());
        for (Key k : keys) {
            reversed.add(new Key(k.field(), k.direction().reversed()));
        }
        return reversed;
    }

    private Field resolve(String name, String dottedPath, boolean unique, boolean declaredNotNull) {
        String[] path = dottedPath.split("\\.");
        ManagedType<?> type = entityType;
        boolean optional = false;
        boolean converted = false;
        boolean columnNotNull = false;
        Class<?> javaType = null;
        for (int i = 0; i < path.length; i++) {
            Attribute<?, ?> attribute;
            try {
                attribute = type.getAttribute(path[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "field '" + name + "': " + type.getJavaType().getSimpleName() + " has no attribute '" + path[i]
                                + "'",
                        e);
            }
            if (!(attribute instanceof SingularAttribute<?, ?> singular)) {
                throw new IllegalArgumentException("field '" + name + "': '" + path[i] + "' is a collection");
            }
            optional |= singular.isOptional();
            String rest = String.join(".", java.util.Arrays.copyOfRange(path, i, path.length));
            converted |= Annotations.converts(type.getJavaType(), rest) || Annotations.converts(singular, path, i);
            boolean last = i == path.length - 1;
            Attribute.PersistentAttributeType kind = singular.getPersistentAttributeType();
            if (last) {
                if (kind != Attribute.PersistentAttributeType.BASIC) {
                    throw new IllegalArgumentException("field '" + name + "': '" + dottedPath
                            + "' is not a basic attribute (sort by an attribute of the association instead)");
                }
                javaType = singular.getJavaType();
                columnNotNull = singular.isId() || Annotations.columnNotNull(singular);
            } else if (kind == Attribute.PersistentAttributeType.EMBEDDED
                    && singular.getType().getPersistenceType() == Type.PersistenceType.EMBEDDABLE) {
                type = (ManagedType<?>) singular.getType();
            } else {
                throw new IllegalArgumentException("field '" + name + "': '" + path[i]
                        + "' is an association; an implicit join would drop rows, so only embeddables may be walked");
            }
        }
        Objects.requireNonNull(javaType);
        if (!CursorValues.supports(javaType)) {
            throw new IllegalArgumentException(
                    "field '" + name + "': values of type " + javaType.getName() + " cannot be held in a cursor");
        }
        // Where the column is declared NOT NULL (@Column(nullable = false), an id), no null arm is needed, even
        // when the provider's metamodel calls the attribute optional (Hibernate does unless @Basic(optional = false)).
        boolean nullable = !declaredNotNull && !columnNotNull && !javaType.isPrimitive() && optional;
        // Row values bind their parameters without the attribute's type: an enum or a converted attribute would be
        // compared in its Java form (Hibernate sends an enum as smallint), so those keys use the or-expansion.
        boolean rowSafe = !javaType.isEnum() && !converted;
        return new Field(name, path, nullable, unique, javaType, rowSafe);
    }

    private static InvalidCursorException sortMismatch(String message) {
        return CursorCodec.error(InvalidCursorException.Reason.SORT_MISMATCH, message);
    }

    private static String idAttribute(EntityType<?> type) {
        if (!type.hasSingleIdAttribute()) {
            throw new IllegalArgumentException(
                    "entity " + type.getName() + " has a composite id; name a unique tie-breaker in the SortSpec");
        }
        for (SingularAttribute<?, ?> a : type.getSingularAttributes()) {
            if (a.isId()) {
                return a.getName();
            }
        }
        throw new IllegalArgumentException(
                "entity " + type.getName() + " has no id attribute; name a tie-breaker in the SortSpec");
    }

    /**
     * Configures a {@link Paginator}: the cursor keys (or a shared codec) and the seek shape. Not thread-safe; the
     * paginator it builds is.
     *
     * @param <T> the entity type
     */
    public static final class Builder<T> {
        private final EntityManagerFactory emf;
        private final SortSpec<T> spec;
        private final CursorCodec.Builder codecBuilder = CursorCodec.builder();
        private boolean keyed;
        private @Nullable CursorCodec codec;
        private SeekShape shape = SeekShape.BOUNDED_OR;

        private Builder(EntityManagerFactory emf, SortSpec<T> spec) {
            this.emf = emf;
            this.spec = spec;
        }

        /**
         * The key new cursors are signed with (it also verifies them).
         *
         * @param kid the key id written into cursors: 1 to 32 of {@code A-Z a-z 0-9 . _ -}
         * @param secret at least 32 bytes from a secure random source
         * @return this builder
         */
        public Builder<T> cursorKey(String kid, byte[] secret) {
            codecBuilder.signingKey(kid, secret);
            keyed = true;
            return this;
        }

        /**
         * A key that still verifies cursors but signs none: the previous key, during a rotation.
         *
         * @param kid the key id
         * @param secret the key
         * @return this builder
         */
        public Builder<T> previousCursorKey(String kid, byte[] secret) {
            codecBuilder.verificationKey(kid, secret);
            return this;
        }

        /**
         * How long a cursor stays valid; one day by default.
         *
         * @param ttl between one second and 366 days
         * @return this builder
         */
        public Builder<T> cursorTimeToLive(Duration ttl) {
            codecBuilder.timeToLive(ttl);
            return this;
        }

        /**
         * A codec shared with other paginators, instead of {@link #cursorKey}: for rotation, retired keys, a clock
         * or a length limit, see {@link CursorCodec}.
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder<T> codec(CursorCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * The seek predicate's shape; {@link SeekShape#BOUNDED_OR} by default.
         *
         * @param shape the shape
         * @return this builder
         */
        public Builder<T> seekShape(SeekShape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * Builds the paginator, checking every field against the metamodel.
         *
         * @return the paginator
         * @throws IllegalStateException if neither a cursor key nor a codec was given, or both were
         * @throws IllegalArgumentException as {@link Paginator#of(EntityManagerFactory, SortSpec, CursorCodec)}
         */
        public Paginator<T> build() {
            if (codec != null && keyed) {
                throw new IllegalStateException("give either cursorKey(...) or codec(...), not both");
            }
            if (codec == null && !keyed) {
                throw new IllegalStateException("cursors need a signing key: call cursorKey(kid, secret)");
            }
            return of(emf, spec, codec != null ? codec : codecBuilder.build(), shape);
        }
    }
}
