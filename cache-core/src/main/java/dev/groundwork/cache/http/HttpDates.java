package dev.groundwork.cache.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), read in that form
 * and in the two obsolete ones every recipient must still accept (RFC 850 and asctime). Stateless; thread-safe.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    /**
     * RFC 850 dates have two-digit years: RFC 9110 reads one that would be more than 50 years in the future as in
     * the past, so years are read within the hundred years ending 50 years from now.
     */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(
                    ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);

    private HttpDates() {}

    /**
     * Writes an instant as an IMF-fixdate, to the second.
     *
     * @param instant the instant
     * @return for example {@code Sun, 06 Nov 1994 08:49:37 GMT}
     */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Reads an HTTP date in any of its three forms.
     *
     * @param text the field value
     * @return the instant, or empty when the text is not an HTTP date (a recipient then ignores the field)
     */
    public static Optional<Instant> parse(String text) {
        String value = text.strip();
        try {
            return Optional.of(Instant.from(IMF_FIXDATE.parse(value)));
        } catch (DateTimeException e) {
            // Try the obsolete forms.
        }
        try {
            LocalDateTime time = LocalDateTime.parse(value, RFC_850);
            return Optional.of(time.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            // Try asctime.
        }
        try {
            return Optional.of(
                    LocalDateTime.parse(value.replaceAll(" +", " "), ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
