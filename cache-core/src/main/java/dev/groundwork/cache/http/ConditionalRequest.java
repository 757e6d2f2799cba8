package dev.groundwork.cache.http;

import com.google.errorprone.annotations.CheckReturnValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@code If-Match}, {@code If-Unmodified-Since}, {@code If-None-Match} and {@code If-Modified-Since} in
 * the order RFC 9110 §13.2.2 fixes, for a handler without a framework.
 *
 * <pre>{@code
 * Validators current = Validators.of(EntityTag.ofVersion(article.version()), article.updatedAt());
 * ConditionalOutcome outcome = ConditionalRequest.evaluate(method, headers::get, current);
 * if (outcome != ConditionalOutcome.PROCEED) {
 *     sendResponseHeaders(outcome.status());
 * }
 * }</pre>
 *
 * <p>The order: {@code If-Match} (strong comparison) fails with 412; without it, {@code If-Unmodified-Since}
 * fails with 412 when the representation changed after the date; then {@code If-None-Match} (weak comparison)
 * answers 304 to {@code GET}/{@code HEAD} and 412 to other methods when a tag matches; without it, for
 * {@code GET}/{@code HEAD}, {@code If-Modified-Since} answers 304 when nothing changed after the date. Dates
 * compare at one-second resolution, as HTTP dates carry; an invalid date or tag list is ignored, as the RFC
 * asks. Repeated header lines must be given joined with commas. Stateless; thread-safe.
 */
public final class ConditionalRequest {
    private ConditionalRequest() {}

    /**
     * Evaluates the request's preconditions against the current representation.
     *
     * @param method the request method
     * @param headers the request's header fields by name (case as the server reports them; each name is asked
     *     for in its RFC spelling); null when absent
     * @param current what the server knows of the current representation
     * @return whether to proceed, answer 304 or answer 412
     */
    @CheckReturnValue
    public static ConditionalOutcome evaluate(
            String method, Function<String, @Nullable String> headers, Validators current) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(current, "current");
        boolean safe = isGetOrHead(method);
        String ifMatch = headers.apply("If-Match");
        String ifNoneMatch = headers.apply("If-None-Match");
        if (ifMatch != null) {
            // Step 1: the current tag must match one listed, strongly; '*' needs a current representation.
            if (!matches(ifMatch, current, true)) {
                return ConditionalOutcome.PRECONDITION_FAILED;
            }
        } else {
            // Step 2.
            Optional<Instant> since = date(headers.apply("If-Unmodified-Since"));
            Instant modified = current.lastModified();
            if (since.isPresent()
                    && current.exists()
                    && modified != null
                    && seconds(modified).isAfter(since.get())) {
                return ConditionalOutcome.PRECONDITION_FAILED;
            }
        }
        if (ifNoneMatch != null) {
            // Step 3: any listed tag matching, weakly, means the client's copy (or a creation race) is current.
            if (matches(ifNoneMatch, current, false)) {
                return safe ? ConditionalOutcome.NOT_MODIFIED : ConditionalOutcome.PRECONDITION_FAILED;
            }
        } else if (safe) {
            // Step 4.
            Optional<Instant> since = date(headers.apply("If-Modified-Since"));
            Instant modified = current.lastModified();
            if (since.isPresent() && modified != null && !seconds(modified).isAfter(since.get())) {
                return ConditionalOutcome.NOT_MODIFIED;
            }
        }
        return ConditionalOutcome.PROCEED;
    }

    /** Whether the field value ('*' or a list of tags) matches the current representation. */
    private static boolean matches(String field, Validators current, boolean strong) {
        if (field.strip().equals("*")) {
            return current.exists();
        }
        EntityTag tag = current.etag();
        if (tag == null || !current.exists()) {
            return false;
        }
        List<EntityTag> listed = EntityTag.parseList(field);
        for (EntityTag candidate : listed) {
            if (strong ? candidate.strongMatch(tag) : candidate.weakMatch(tag)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Instant> date(@Nullable String field) {
        return field == null ? Optional.empty() : HttpDates.parse(field);
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean isGetOrHead(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return upper.equals("GET") || upper.equals("HEAD");
    }
}
