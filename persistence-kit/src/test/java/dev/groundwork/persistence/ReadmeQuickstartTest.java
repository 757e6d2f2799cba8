package dev.groundwork.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.persistence.audit.AuditListener;
import dev.groundwork.persistence.audit.Auditor;
import dev.groundwork.persistence.batch.BatchWriter;
import dev.groundwork.persistence.jdbc.StatementCounter;
import dev.groundwork.persistence.jdbc.StatementRecording;
import dev.groundwork.persistence.tx.TransactionTemplate;
import dev.groundwork.testing.ReadmeSnippets;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module README's code, every block exactly as printed (checked line for line by {@link ReadmeSnippets}),
 * with the names it uses (an entity manager, request parameters, a pool) defined around it, compiled and run.
 */
class ReadmeQuickstartTest {
    static final Db DB = Db.get();
    static final byte[] CURSOR_SECRET = "readme-readme-readme-readme-read".getBytes(StandardCharsets.US_ASCII);

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

    @Test
    void theTestsHoldEveryJavaBlockOfTheReadme() {
        assertThat(ReadmeSnippets.assertPrinted(
                        Path.of("README.md"),
                        Path.of("src/test/java/dev/groundwork/persistence/ReadmeQuickstartTest.java")))
                .isEqualTo(9);
    }

    /** The start-up block: a spec and a paginator, nothing else. */
    static final class EventsEndpoint {
        final SortSpec<Event> spec;
        final Paginator<Event> events;

        EventsEndpoint(EntityManagerFactory emf, byte[] cursorSecret) {
            SortSpec<Event> spec = SortSpec.builder(Event.class)
                    .field("createdAt") // public name = attribute path; or .field("total", "amount.total")
                    .field("kind")
                    .defaultSort("-createdAt")
                    .pageSize(20, 100) // default and maximum (above it: a 400, or .oversize(SizePolicy.CLAMP))
                    .build(); // the tie-breaker defaults to the entity's id
            Paginator<Event> events = Paginator.builder(emf, spec)
                    .cursorKey("2026-11", cursorSecret) // 32+ random bytes from your secret store
                    .build(); // checks every path against the metamodel

            this.spec = spec;
            this.events = events;
        }

        /** The per-request block, GET /events?limit=50&sort=-createdAt&cursor=... */
        Response list(EntityManager em, Map<String, String> params) {
            try {
                PageRequest request = PageRequest.parse(spec, params::get);
                KeysetPage<Event> page = events.keyset(em, request);
                String next = page.nextCursor().map(c -> "/events?cursor=" + c).orElse("");
                return new Response(200, page.items().size() + " events; next: " + next);
            } catch (PaginationException e) {
                return new Response(400, e.getMessage()); // written for clients: names the parameter
            }
        }

        /** The filtered block. */
        KeysetPage<Event> logins(EntityManager em, PageRequest request, String kind) {
            PageQuery<Event> logins =
                    PageQuery.of(Event.class).where("kind=" + kind, (root, q, cb) -> cb.equal(root.get("kind"), kind));
            KeysetPage<Event> page = events.keyset(em, logins, request);

            return page;
        }
    }

    @Test
    void listsPagesAndRefusesBadInputWithFiveTypes() {
        EventsEndpoint endpoint = new EventsEndpoint(DB.emf, CURSOR_SECRET);
        Map<String, String> params = new HashMap<>(Map.of("limit", "50"));
        Response first = DB.tx(em -> endpoint.list(em, params));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).startsWith("50 events; next: /events?cursor=");
        params.put("cursor", first.body().substring(first.body().indexOf("cursor=") + 7));
        Response second = DB.tx(em -> endpoint.list(em, params));
        assertThat(second.body()).startsWith("50 events; next: /events?cursor=");
        Response tooLarge = DB.tx(em -> endpoint.list(em, Map.of("limit", "500")));
        assertThat(tooLarge).isEqualTo(new Response(400, "'limit' must be at most 100; got 500"));
        assertThat(DB.tx(em -> endpoint.list(em, Map.of("sort", "password"))).body())
                .isEqualTo("cannot sort by 'password'; sortable fields: createdAt, kind");

        KeysetPage<Event> logins = DB.tx(em ->
                endpoint.logins(em, PageRequest.builder(endpoint.spec).size(50).build(), "login"));
        assertThat(logins.items()).hasSize(50).allMatch(e -> e.kind.equals("login"));
        String cursor = logins.nextCursor().orElseThrow();
        // A cursor of the filtered listing is refused by the unfiltered one.
        Response foreign = DB.tx(em -> endpoint.list(em, Map.of("cursor", cursor)));
        assertThat(foreign)
                .isEqualTo(new Response(400, "the cursor was issued for other filters; start from the first page"));
    }

    @Test
    void jpqlQueriesOffsetPagesAndSlices() {
        EventsEndpoint endpoint = new EventsEndpoint(DB.emf, CURSOR_SECRET);
        Paginator<Event> events = endpoint.events;
        String kind = "logout";
        Instant since = Instant.parse("2026-11-01T01:00:00Z");
        PageRequest request =
                PageRequest.builder(endpoint.spec).size(20).page(1).build();
        DB.txRun(em -> {
            PageQuery<Event> query = PageQuery.jpql(Event.class, "e", "e.kind = :kind and e.createdAt > :since")
                    .parameter("kind", kind)
                    .parameter("since", since);

            OffsetPage<Event> p =
                    events.offset(em, query, request, CountMode.bounded(10_000)); // total "10000+" when larger
            Slice<Event> s = events.slice(em, query, request); // no count, hasNext exact

            assertThat(p.items()).hasSize(20).allMatch(e -> e.kind.equals("logout"));
            assertThat(p.total()).isEqualTo(new Total.Exact(30));
            assertThat(s.items()).isEqualTo(p.items());
            assertThat(s.hasNext()).isTrue();
        });
    }

    @Test
    void helpers() throws SQLException {
        // Accounts are audited; the auditor is process-wide, so install the one the helper tests use.
        AuditListener.install(Auditor.of(HelpersTest.clock(), HelpersTest.USER::get));
        EntityManagerFactory emf = DB.emf;
        long id = 77;
        DB.txRun(em -> em.persist(new Account(id, 10)));

        TransactionTemplate tx = TransactionTemplate.builder(emf).maxAttempts(3).build();
        Account account = tx.call(em -> em.find(Account.class, id)); // a fresh EntityManager per attempt

        assertThat(account.balance).isEqualTo(10);

        AuditListener.install(Auditor.of(Clock.systemUTC(), () -> currentUser())); // once, at start-up

        try {
            DB.txRun(em -> em.persist(new Account(78, 0)));
            assertThat(DB.tx(em -> em.find(Account.class, 78L)).createdBy).isEqualTo("readme-user");
        } finally {
            AuditListener.install(Auditor.of(HelpersTest.clock(), HelpersTest.USER::get));
        }

        List<Reading> rows = List.of(new Reading(1.5), new Reading(2.5));
        DB.txRun(em -> {
            try (BatchWriter batch = BatchWriter.of(em, 500)) { // flush and clear every 500
                rows.forEach(batch::persist);
            }
        });

        DataSource pool = DB.pool;

        StatementCounter counter = StatementCounter.create();
        DataSource ds = counter.wrap(pool); // give ds to the provider as jakarta.persistence.nonJtaDataSource
        try (StatementRecording r = counter.start()) {
            render(ds);
            r.assertSelects(1).assertNoRepeatedSelects(3); // AssertionError listing the SQL otherwise
        }
    }

    private static String currentUser() {
        return "readme-user";
    }

    private static void render(DataSource ds) throws SQLException {
        try (Connection connection = ds.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("select count(*) from event").close();
            connection.rollback();
        }
    }
}
