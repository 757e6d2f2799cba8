package dev.groundwork.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What clients may ask of one listing: the whitelist of sortable fields (public name to entity attribute path),
 * the unique tie-breaker, the default sort and the page sizes. Built once per endpoint; immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SortSpec<Typed> typed = SortSpec.builder(Typed.class)
 *         .field("instant")
 *         .field("total", "price.total") // a path into an embeddable
 *         .tieBreaker("id") // default: the entity's id attribute
 *         .defaultSort("-instant")
 *         .pageSize(20, 100)
 *         .build();
 * }</pre>
 *
 * <p>Whether a field may be null is read from the JPA metamodel when a {@link Paginator} is created; declare
 * {@link Builder#notNull(String...)} for fields the metamodel calls optional but the schema forbids, which saves
 * a query at the null boundary.
 *
 * @param <T> the entity type
 */
public final class SortSpec<T> {
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** One whitelisted field. */
    record Field(String name, String path, boolean unique, boolean declaredNotNull) {}

    private final Class<T> entity;
    private final Map<String, Field> fields;
    private final @Nullable String tieBreakerPath;
    private final List<SortKey> defaultSort;
    private final int defaultSize;
    private final int maxSize;
    private final SizePolicy sizePolicy;
    private final NullOrdering nullOrdering;
    private final int maxSortFields;

    private SortSpec(Builder<T> b, List<SortKey> defaultSort) {
        this.entity = b.entity;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        this.tieBreakerPath = b.tieBreakerPath;
        this.defaultSort = List.copyOf(defaultSort);
        this.defaultSize = b.defaultSize;
        this.maxSize = b.maxSize;
        this.sizePolicy = b.sizePolicy;
        this.nullOrdering = b.nullOrdering;
        this.maxSortFields = b.maxSortFields == 0 ? Math.max(1, b.fields.size()) : b.maxSortFields;
    }

    /**
     * Starts a spec for an entity.
     *
     * @param entity the entity class
     * @param <T> the entity type
     * @return a builder
     */
    public static <T> Builder<T> builder(Class<T> entity) {
        return new Builder<>(Objects.requireNonNull(entity, "entity"));
    }

    /**
     * Returns the entity class.
     *
     * @return the entity class
     */
    public Class<T> entity() {
        return entity;
    }

    /**
     * Returns the sortable field names, in declaration order.
     *
     * @return the whitelist
     */
    public Set<String> fieldNames() {
        return fields.keySet();
    }

    /**
     * Returns the sort used when a request names none.
     *
     * @return the default sort, possibly empty (then the tie-breaker alone, ascending)
     */
    public List<SortKey> defaultSort() {
        return defaultSort;
    }

    /**
     * Returns the size used when a request names none.
     *
     * @return the default page size
     */
    public int defaultSize() {
        return defaultSize;
    }

    /**
     * Returns the largest size a request may ask for.
     *
     * @return the maximum page size
     */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Returns what happens to a size above the maximum.
     *
     * @return the policy
     */
    public SizePolicy sizePolicy() {
        return sizePolicy;
    }

    /**
     * Returns where the database sorts nulls.
     *
     * @return the null ordering
     */
    public NullOrdering nullOrdering() {
        return nullOrdering;
    }

    /**
     * Returns the most sort fields one request may name.
     *
     * @return the limit
     */
    public int maxSortFields() {
        return maxSortFields;
    }

    @Nullable
    Field field(String name) {
        return fields.get(name);
    }

    Map<String, Field> fields() {
        return fields;
    }

    @Nullable
    String tieBreakerPath() {
        return tieBreakerPath;
    }

    /**
     * Builds a {@link SortSpec}. Every value is checked when set or at {@link #build()}; not thread-safe.
     *
     * @param <T> the entity type
     */
    public static final class Builder<T> {
        private final Class<T> entity;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private @Nullable String tieBreakerPath;
        private @Nullable String defaultSort;
        private int defaultSize = 20;
        private int maxSize = 100;
        private SizePolicy sizePolicy = SizePolicy.REJECT;
        private NullOrdering nullOrdering = NullOrdering.HIGH;
        private int maxSortFields;

        private Builder(Class<T> entity) {
            this.entity = entity;
        }

        /**
         * Whitelists an attribute under its own name.
         *
         * @param name the attribute name, also the public field name
         * @return this builder
         */
        public Builder<T> field(String name) {
            return field(name, name);
        }

        /**
         * Whitelists an attribute path under a public name. The path walks singular attributes and
         * embeddables ({@code amount.total}); associations are refused when the paginator is created, because an
         * implicit join would drop rows.
         *
         * @param name the public field name: a letter, then letters, digits or underscores, at most 64
         * @param path the attribute path on the entity
         * @return this builder
         */
        public Builder<T> field(String name, String path) {
            return add(name, path, false);
        }

        /**
         * Whitelists a field whose values are unique and never null (an email, a slug). A sort that reaches it
         * needs no tie-breaker.
         *
         * @param name the public field name
         * @param path the attribute path on the entity
         * @return this builder
         */
        public Builder<T> uniqueField(String name, String path) {
            return add(name, path, true);
        }

        private Builder<T> add(String name, String path, boolean unique) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("field name '" + name
                        + "' must be a letter followed by at most 63 letters, digits or underscores");
            }
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException(
                        "attribute path '" + path + "' of field '" + name + "' must be dot-separated Java identifiers");
            }
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException("field '" + name + "' is declared twice");
            }
            fields.put(name, new Field(name, path, unique, unique));
            return this;
        }

        /**
         * Declares fields non-null although the metamodel may call them optional; the keyset seek then skips
         * the null arm. Declaring a field that does hold nulls loses those rows.
         *
         * @param names declared field names
         * @return this builder
         */
        public Builder<T> notNull(String... names) {
            for (String name : names) {
                Field f = fields.get(name);
                if (f == null) {
                    throw new IllegalArgumentException("notNull: no field named '" + name + "'");
                }
                fields.put(name, new Field(f.name(), f.path(), f.unique(), true));
            }
            return this;
        }

        /**
         * Sets the unique, non-null attribute appended to every sort that is not already unique. Default: the
         * entity's single id attribute.
         *
         * @param path the attribute path
         * @return this builder
         */
        public Builder<T> tieBreaker(String path) {
            Objects.requireNonNull(path, "path");
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("tie-breaker path '" + path + "' must be dot-separated identifiers");
            }
            this.tieBreakerPath = path;
            return this;
        }

        /**
         * Sets the sort used when a request names none, in the sort parameter syntax ({@code -createdAt,name}).
         *
         * @param sort the default sort
         * @return this builder
         */
        public Builder<T> defaultSort(String sort) {
            this.defaultSort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        /**
         * Sets the default and maximum page sizes. Defaults: 20 and 100.
         *
         * @param defaultSize used when a request names no size; between 1 and {@code maxSize}
         * @param maxSize the largest size a request may name; at most 10 000
         * @return this builder
         */
        public Builder<T> pageSize(int defaultSize, int maxSize) {
            if (maxSize < 1 || maxSize > 10_000) {
                throw new IllegalArgumentException("maximum page size " + maxSize + " must be between 1 and 10000");
            }
            if (defaultSize < 1 || defaultSize > maxSize) {
                throw new IllegalArgumentException(
                        "default page size " + defaultSize + " must be between 1 and the maximum " + maxSize);
            }
            this.defaultSize = defaultSize;
            this.maxSize = maxSize;
            return this;
        }

        /**
         * Sets what happens to a size above the maximum. Default: {@link SizePolicy#REJECT}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder<T> oversize(SizePolicy policy) {
            this.sizePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets where the database sorts nulls. Default: {@link NullOrdering#HIGH} (PostgreSQL, Oracle).
         *
         * @param ordering the database's null ordering
         * @return this builder
         */
        public Builder<T> nullOrdering(NullOrdering ordering) {
            this.nullOrdering = Objects.requireNonNull(ordering, "ordering");
            return this;
        }

        /**
         * Sets the most fields one sort may name. Default: the number of declared fields.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder<T> maxSortFields(int max) {
            if (max < 1 || max > 16) {
                throw new IllegalArgumentException("maxSortFields " + max + " must be between 1 and 16");
            }
            this.maxSortFields = max;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if no field is declared or the default sort is not valid for it
         */
        public SortSpec<T> build() {
            SortSpec<T> provisional = new SortSpec<>(this, List.of());
            if (defaultSort == null) {
                return provisional;
            }
            try {
                List<SortKey> parsed = PageRequest.parseSort(provisional, defaultSort);
                return new SortSpec<>(this, new ArrayList<>(parsed));
            } catch (InvalidPageRequestException e) {
                throw new IllegalArgumentException("default sort: " + e.getMessage(), e);
            }
        }
    }
}
