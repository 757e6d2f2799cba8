package dev.groundwork.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9110 §13.2.2 as a table: each row is a method, the conditional fields sent, what the server holds, and the
 * outcome the RFC requires, covering strong and weak comparison, {@code *}, lists of tags, dates on both sides of
 * the last modification, invalid fields, and the precedence of each field over the next.
 */
class ConditionalRequestTest {
    private static final EntityTag STRONG = EntityTag.strong("abc");
    private static final EntityTag WEAK = EntityTag.weak("abc");
    private static final Instant MODIFIED = Instant.parse("2026-11-20T10:00:00.500Z");
    private static final String BEFORE = "Fri, 20 Nov 2026 09:59:59 GMT";
    private static final String SAME = "Fri, 20 Nov 2026 10:00:00 GMT";
    private static final String AFTER = "Fri, 20 Nov 2026 10:00:01 GMT";

    @ParameterizedTest(name = "[{index}] {0} {1} | {2} | {3} | {4} held={5} -> {6}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // No conditions.
                "GET  | -               | -          | -                  | -       | strong  | PROCEED",
                // If-None-Match: weak comparison; 304 for GET/HEAD, 412 otherwise.
                "GET  | -               | -          | \"abc\"            | -       | strong  | NOT_MODIFIED",
                "HEAD | -               | -          | W/\"abc\"          | -       | strong  | NOT_MODIFIED",
                "GET  | -               | -          | W/\"abc\"          | -       | weak    | NOT_MODIFIED",
                "GET  | -               | -          | \"x\", \"abc\"     | -       | strong  | NOT_MODIFIED",
                "GET  | -               | -          | \"x\", \"y\"       | -       | strong  | PROCEED",
                "GET  | -               | -          | *                  | -       | strong  | NOT_MODIFIED",
                "GET  | -               | -          | *                  | -       | absent  | PROCEED",
                "PUT  | -               | -          | *                  | -       | strong  | PRECONDITION_FAILED",
                "PUT  | -               | -          | *                  | -       | absent  | PROCEED",
                "POST | -               | -          | \"abc\"            | -       | strong  | PRECONDITION_FAILED",
                "GET  | -               | -          | garbage            | -       | strong  | PROCEED",
                "GET  | -               | -          | \"abc\"            | -       | none    | PROCEED",
                // If-Match: strong comparison; weak tags never match; '*' needs a representation.
                "PUT  | \"abc\"         | -          | -                  | -       | strong  | PROCEED",
                "PUT  | W/\"abc\"       | -          | -                  | -       | strong  | PRECONDITION_FAILED",
                "PUT  | \"abc\"         | -          | -                  | -       | weak    | PRECONDITION_FAILED",
                "PUT  | \"x\", \"abc\"  | -          | -                  | -       | strong  | PROCEED",
                "PUT  | \"x\"           | -          | -                  | -       | strong  | PRECONDITION_FAILED",
                "PUT  | *               | -          | -                  | -       | strong  | PROCEED",
                "PUT  | *               | -          | -                  | -       | absent  | PRECONDITION_FAILED",
                "GET  | \"x\"           | -          | -                  | -       | strong  | PRECONDITION_FAILED",
                // If-Unmodified-Since, only without If-Match; dates at one-second resolution.
                "PUT  | -               | " + BEFORE + " | -              | -       | strong  | PRECONDITION_FAILED",
                "PUT  | -               | " + SAME + "   | -              | -       | strong  | PROCEED",
                "PUT  | -               | " + AFTER + "  | -              | -       | strong  | PROCEED",
                "PUT  | \"abc\"         | " + BEFORE + " | -              | -       | strong  | PROCEED",
                "PUT  | -               | not a date | -                  | -       | strong  | PROCEED",
                // If-Modified-Since, only for GET/HEAD and only without If-None-Match.
                "GET  | -               | -          | -                  | " + SAME + "   | strong | NOT_MODIFIED",
                "GET  | -               | -          | -                  | " + AFTER + "  | strong | NOT_MODIFIED",
                "GET  | -               | -          | -                  | " + BEFORE + " | strong | PROCEED",
                "PUT  | -               | -          | -                  | " + SAME + "   | strong | PROCEED",
                "GET  | -               | -          | \"x\"              | " + SAME + "   | strong | PROCEED",
                "GET  | -               | -          | -                  | yesterday      | strong | PROCEED",
                "GET  | -               | -          | -                  | Friday, 20-Nov-26 10:00:00 GMT | strong | NOT_MODIFIED",
                "GET  | -               | -          | -                  | Fri Nov 20 10:00:00 2026       | strong | NOT_MODIFIED",
                // Precedence: a failed If-Match wins over everything after it.
                "GET  | \"x\"           | -          | \"abc\"            | " + SAME
                        + "   | strong | PRECONDITION_FAILED"
            })
    void followsRfc9110(
            String method,
            String ifMatch,
            String ifUnmodifiedSince,
            String ifNoneMatch,
            String ifModifiedSince,
            String held,
            ConditionalOutcome expected) {
        Map<String, String> headers = new HashMap<>();
        put(headers, "If-Match", ifMatch);
        put(headers, "If-Unmodified-Since", ifUnmodifiedSince);
        put(headers, "If-None-Match", ifNoneMatch);
        put(headers, "If-Modified-Since", ifModifiedSince);
        Validators current = switch (held) {
            case "strong" -> Validators.of(STRONG, MODIFIED);
            case "weak" -> Validators.of(WEAK, MODIFIED);
            case "none" -> Validators.of(null, null);
            default -> Validators.absent();
        };
        ConditionalOutcome outcome = ConditionalRequest.evaluate(method, headers::get, current);
        assertThat(outcome).isEqualTo(expected);
        assertThat(outcome.status()).isIn(200, 304, 412);
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value.strip());
        }
    }
}
