package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.persistence.tx.TransactionTemplate;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module README's quickstart, compiled and run as written (a listing endpoint minus the HTTP server). */
class ReadmeQuickstartTest {
    static final Db DB = Db.get();

    @BeforeAll
    static void load() {
        DB.sql(
                "truncate event",
                "insert into event (id, created_at, kind) select g, timestamptz '2026-11-01 00:00:00+00'"
                        + " + g * interval '1 minute', case when g % 2 = 0 then 'login' else 'logout' end"
                        + " from generate_series(1, 120) g");
    }

    /** What a handler answers: a status and a body. */
    record Response(int status, String body) {}

    // --- README: start-up ---
    static final class EventsEndpoint {
        private final SortSpec<Event> spec;
        private final Paginator<Event> events;
        private final TransactionTemplate tx;

        EventsEndpoint(EntityManagerFactory emf, byte[] cursorSecret) {
            spec = SortSpec.builder(Event.class)
                    .field("createdAt")
                    .field("kind")
                    .defaultSort("-createdAt")
                    .pageSize(20, 100)
                    .build();
            CursorCodec codec = CursorCodec.builder()
                    .signingKey("2026-11", cursorSecret) // 32+ random bytes from your secret store
                    .build();
            events = Paginator.create(emf, spec, codec);
            tx = TransactionTemplate.builder(emf).build();
        }

        // --- README: per request, GET /events?kind=login&limit=50&sort=-createdAt&cursor=... ---
        Response list(Map<String, String> params) {
            try {
                PageRequest request = PageRequest.parse(spec, params::get);
                String kind = params.getOrDefault("kind", "login");
                PageQuery<Event> query = PageQuery.of(Event.class)
                        .where("kind=" + kind, (root, q, cb) -> cb.equal(root.get("kind"), kind));
                KeysetPage<Event> page = tx.call(em -> events.keyset(em, query, request));
                String next = page.nextCursor()
                        .map(c -> "/events?kind=" + kind + "&cursor=" + c)
                        .orElse("");
                return new Response(200, page.items().size() + " events; next: " + next);
            } catch (PaginationException e) {
                return new Response(400, e.getMessage()); // written for clients: names the parameter
            }
        }
    }

    @Test
    void quickstartListsPagesAndRefusesBadInput() {
        EventsEndpoint endpoint =
                new EventsEndpoint(DB.emf, "readme-readme-readme-readme-read".getBytes(StandardCharsets.US_ASCII));
        Map<String, String> params = new HashMap<>(Map.of("kind", "login", "limit", "50"));
        Response first = endpoint.list(params);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).startsWith("50 events; next: /events?kind=login&cursor=");
        params.put("cursor", first.body().substring(first.body().indexOf("cursor=") + 7));
        Response second = endpoint.list(params);
        assertThat(second.body()).startsWith("10 events; next: ").endsWith("next: ");

        params.put("kind", "logout");
        assertThat(endpoint.list(params))
                .isEqualTo(new Response(400, "the cursor was issued for other filters; start from the first page"));
        assertThat(endpoint.list(Map.of("limit", "500")))
                .isEqualTo(new Response(400, "'limit' must be at most 100; got 500"));
        assertThat(endpoint.list(Map.of("sort", "password")).body())
                .isEqualTo("cannot sort by 'password'; sortable fields: createdAt, kind");
    }
}
