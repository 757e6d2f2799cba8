package dev.groundwork.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which claims hold a token's authorities (scopes, roles, groups) and how they are named.
 *
 * <p>A path is either a top-level claim name ({@code scope}, {@code scp}, {@code https://example.com/roles}) or,
 * when it starts with {@code /}, a JSON Pointer (RFC 6901) into nested claims ({@code /realm_access/roles},
 * {@code /resource_access/my-client/roles}). A string value is split on spaces (the OAuth {@code scope} form); an
 * array contributes each of its strings; anything else contributes nothing. Each path may add a prefix, such as
 * {@code ROLE_}.
 *
 * <pre>{@code
 * AuthorityMapping keycloak = AuthorityMapping.builder()
 *         .path("scope", "SCOPE_")
 *         .path("/realm_access/roles", "ROLE_")
 *         .build();
 * }</pre>
 *
 * <p>Immutable; thread-safe.
 */
public final class AuthorityMapping {
    private static final AuthorityMapping STANDARD =
            builder().path("scope").path("scp").build();

    private final List<Entry> entries;

    private AuthorityMapping(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The OAuth scopes: {@code scope} (space-separated, RFC 8693 §4.2) and {@code scp} (array or string), with no
     * prefix. The default of every verifier.
     *
     * @return the standard mapping
     */
    public static AuthorityMapping standard() {
        return STANDARD;
    }

    /**
     * Starts an empty mapping.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The authorities this mapping finds in a claim set, in path order, without duplicates. */
    Set<String> authorities(Map<String, Object> claims) {
        Set<String> found = new LinkedHashSet<>();
        for (Entry entry : entries) {
            addValues(entry.locate(claims), entry.prefix, found);
        }
        return Collections.unmodifiableSet(found);
    }

    static void addValues(@Nullable Object value, String prefix, Set<String> into) {
        if (value instanceof String text) {
            for (String part : text.split(" ")) {
                if (!part.isEmpty()) {
                    into.add(prefix + part);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text && !text.isEmpty()) {
                    into.add(prefix + text);
                }
            }
        }
    }

    private record Entry(List<String> pointer, String prefix) {
        @Nullable
        Object locate(Map<String, Object> claims) {
            Object current = claims;
            for (String token : pointer) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(token);
            }
            return current;
        }
    }

    /** Builds an {@link AuthorityMapping}. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a path with no prefix.
         *
         * @param path a claim name, or a JSON Pointer starting with {@code /}
         * @return this builder
         * @throws IllegalArgumentException when the path is empty or not a valid JSON Pointer
         */
        public Builder path(String path) {
            return path(path, "");
        }

        /**
         * Adds a path whose values get a prefix.
         *
         * @param path a claim name, or a JSON Pointer starting with {@code /}
         * @param prefix prepended to each value, such as {@code ROLE_}
         * @return this builder
         * @throws IllegalArgumentException when the path is empty or not a valid JSON Pointer
         */
        public Builder path(String path, String prefix) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(prefix, "prefix");
            entries.add(new Entry(parse(path), prefix));
            return this;
        }

        /**
         * Builds the mapping.
         *
         * @return the mapping
         * @throws IllegalStateException when no path was added
         */
        public AuthorityMapping build() {
            if (entries.isEmpty()) {
                throw new IllegalStateException("an authority mapping needs at least one path");
            }
            return new AuthorityMapping(entries);
        }

        private static List<String> parse(String path) {
            if (path.isEmpty() || path.equals("/")) {
                throw new IllegalArgumentException("empty authority path");
            }
            if (!path.startsWith("/")) {
                return List.of(path);
            }
            List<String> tokens = new ArrayList<>();
            for (String raw : path.substring(1).split("/", -1)) {
                if (raw.matches(".*~(?![01]).*")) {
                    throw new IllegalArgumentException("invalid JSON Pointer escape in " + path);
                }
                tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            }
            return List.copyOf(tokens);
        }
    }
}
