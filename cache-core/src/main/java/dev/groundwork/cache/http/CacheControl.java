package dev.groundwork.cache.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Cache-Control} field (RFC 9111 §5.2, RFC 5861, RFC 8246): built for responses, or read from requests
 * and responses. Directive names are case-insensitive and kept in lower case; unknown directives are kept, as
 * caches must ignore but pass them on. Immutable.
 *
 * <pre>{@code
 * CacheControl control = CacheControl.builder()
 *         .publicCache()
 *         .maxAge(Duration.ofMinutes(5))
 *         .staleWhileRevalidate(Duration.ofSeconds(30))
 *         .build();
 * responseHeaders.put("Cache-Control", control.toString());
 * }</pre>
 */
public final class CacheControl {
    private final Map<String, @Nullable String> directives;

    private CacheControl(Map<String, @Nullable String> directives) {
        this.directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
    }

    /**
     * Starts a field.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a field value leniently: malformed members are skipped, a directive repeated keeps its first value.
     *
     * @param header the field value (several field lines joined with commas)
     * @return the directives
     */
    public static CacheControl parse(String header) {
        Map<String, @Nullable String> directives = new LinkedHashMap<>();
        int at = 0;
        int length = header.length();
        while (at < length) {
            int end = at;
            boolean quoted = false;
            while (end < length && (quoted || header.charAt(end) != ',')) {
                char c = header.charAt(end);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\\' && quoted) {
                    end++;
                }
                end++;
            }
            String member = header.substring(at, Math.min(end, length)).strip();
            at = end + 1;
            if (member.isEmpty()) {
                continue;
            }
            int equals = member.indexOf('=');
            String name =
                    (equals < 0 ? member : member.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                continue;
            }
            String value = null;
            if (equals >= 0) {
                value = unquote(member.substring(equals + 1).strip());
                if (value == null) {
                    continue;
                }
            }
            directives.putIfAbsent(name, value);
        }
        return new CacheControl(directives);
    }

    /**
     * The directives in order, lower case, with their values (null for a directive without one).
     *
     * @return the directives
     */
    public Map<String, @Nullable String> directives() {
        return directives;
    }

    /**
     * Whether a directive is present.
     *
     * @param name the directive, in any case
     * @return true when present
     */
    public boolean has(String name) {
        return directives.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code max-age}.
     *
     * @return the age, or empty when absent or not a delta-seconds
     */
    public Optional<Duration> maxAge() {
        return seconds("max-age");
    }

    /**
     * {@code s-maxage}.
     *
     * @return the age for shared caches, or empty
     */
    public Optional<Duration> sharedMaxAge() {
        return seconds("s-maxage");
    }

    /**
     * {@code no-store}.
     *
     * @return true when present
     */
    public boolean noStore() {
        return has("no-store");
    }

    /**
     * {@code no-cache}.
     *
     * @return true when present
     */
    public boolean noCache() {
        return has("no-cache");
    }

    private Optional<Duration> seconds(String name) {
        String value = directives.get(name);
        if (value == null
                || value.isEmpty()
                || value.length() > 18
                || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    /**
     * The field value: directives separated by {@code ", "}.
     *
     * @return for example {@code public, max-age=300}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        directives.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(name);
            if (value != null) {
                out.append('=').append(isToken(value) ? value : quote(value));
            }
        });
        return out.toString();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CacheControl that && directives.equals(that.directives);
    }

    @Override
    public int hashCode() {
        return directives.hashCode();
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String unquote(String value) {
        if (!value.startsWith("\"")) {
            return isToken(value) ? value : null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else if (c == '"') {
                return i == value.length() - 1 ? out.toString() : null;
            } else {
                out.append(c);
            }
        }
        return null;
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Builds a {@link CacheControl}; each setter adds or replaces one directive. Not thread-safe. */
    public static final class Builder {
        private final Map<String, @Nullable String> directives = new LinkedHashMap<>();

        private Builder() {}

        private Builder flag(String name) {
            directives.put(name, null);
            return this;
        }

        private Builder seconds(String name, Duration duration) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + duration);
            }
            directives.put(name, Long.toString(duration.getSeconds()));
            return this;
        }

        /**
         * {@code public}: any cache may store the response.
         *
         * @return this builder
         */
        public Builder publicCache() {
            directives.remove("private");
            return flag("public");
        }

        /**
         * {@code private}: only the user's own cache may store it.
         *
         * @return this builder
         */
        public Builder privateCache() {
            directives.remove("public");
            return flag("private");
        }

        /**
         * {@code no-store}.
         *
         * @return this builder
         */
        public Builder noStore() {
            return flag("no-store");
        }

        /**
         * {@code no-cache}: store, but revalidate before every use.
         *
         * @return this builder
         */
        public Builder noCache() {
            return flag("no-cache");
        }

        /**
         * {@code must-revalidate}.
         *
         * @return this builder
         */
        public Builder mustRevalidate() {
            return flag("must-revalidate");
        }

        /**
         * {@code immutable} (RFC 8246): never revalidate while fresh.
         *
         * @return this builder
         */
        public Builder immutable() {
            return flag("immutable");
        }

        /**
         * {@code max-age}, whole seconds.
         *
         * @param age not negative
         * @return this builder
         */
        public Builder maxAge(Duration age) {
            return seconds("max-age", age);
        }

        /**
         * {@code s-maxage} for shared caches, whole seconds.
         *
         * @param age not negative
         * @return this builder
         */
        public Builder sharedMaxAge(Duration age) {
            return seconds("s-maxage", age);
        }

        /**
         * {@code stale-while-revalidate} (RFC 5861).
         *
         * @param window not negative
         * @return this builder
         */
        public Builder staleWhileRevalidate(Duration window) {
            return seconds("stale-while-revalidate", window);
        }

        /**
         * {@code stale-if-error} (RFC 5861).
         *
         * @param window not negative
         * @return this builder
         */
        public Builder staleIfError(Duration window) {
            return seconds("stale-if-error", window);
        }

        /**
         * Builds the field.
         *
         * @return the field
         * @throws IllegalStateException when it says both {@code no-store} and a freshness lifetime
         */
        public CacheControl build() {
            if (directives.containsKey("no-store")
                    && (directives.containsKey("max-age") || directives.containsKey("s-maxage"))) {
                throw new IllegalStateException("no-store with a max-age says two opposite things");
            }
            return new CacheControl(directives);
        }
    }
}
