package dev.groundwork.auth.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.auth.RefreshTokenStore;
import dev.groundwork.auth.RefreshTokenStore.Consumption;
import dev.groundwork.auth.RefreshTokenStore.Grant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RefreshTokenStore} must do; run against the in-memory store here and against every other
 * implementation in its module (the test jar carries it).
 */
public abstract class RefreshTokenStoreContract {

    /** The store under test. */
    protected abstract RefreshTokenStore store();

    /** A second handle on the same data, as another instance of the service has; the same store by default. */
    protected RefreshTokenStore otherInstance() {
        return store();
    }

    /** The time grants expire after (a day from now by default, to the millisecond: stores may keep no more). */
    protected Instant later() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String hash() {
        return UUID.randomUUID().toString().replace("-", "") + "AbC_-";
    }

    private Grant grant(String family, List<String> scopes) {
        return new Grant(family, "user-" + family, scopes, later());
    }

    @Test
    void anUnknownTokenIsUnknown() {
        assertThat(store().consume(hash())).isEqualTo(new Consumption.Unknown());
    }

    @Test
    void theFirstConsumptionWinsAndEveryLaterOneIsAReuseOnEveryInstance() {
        String hash = hash();
        Grant grant = grant("f-" + UUID.randomUUID(), List.of("read", "write"));
        store().save(hash, grant);
        Consumption first = otherInstance().consume(hash);
        assertThat(first).isInstanceOf(Consumption.First.class);
        assertThat(((Consumption.First) first).grant()).isEqualTo(grant);
        assertThat(store().consume(hash)).isEqualTo(new Consumption.Reused(grant));
        assertThat(otherInstance().consume(hash)).isEqualTo(new Consumption.Reused(grant));
    }

    @Test
    void scopesAndSubjectsComeBackExactly() {
        List<List<String>> scopeLists = List.of(
                List.of(),
                List.of(""),
                List.of("a b", "c:d", "e\nf", "ü→λ", "3:abc", "\u0000", "x".repeat(1_000)),
                List.of("same", "same"));
        for (List<String> scopes : scopeLists) {
            String hash = hash();
            Grant grant = new Grant("fam:" + UUID.randomUUID() + " {x}", "sub with spaces\n:7", scopes, later());
            store().save(hash, grant);
            assertThat(otherInstance().consume(hash)).isEqualTo(new Consumption.First(grant));
        }
    }

    @Test
    void aRevokedFamilyRefusesEveryMemberUsedOrNot() {
        String family = "f-" + UUID.randomUUID();
        String used = hash();
        String unused = hash();
        String otherFamily = hash();
        store().save(used, grant(family, List.of()));
        store().save(unused, grant(family, List.of()));
        store().save(otherFamily, grant("g-" + UUID.randomUUID(), List.of()));
        assertThat(store().consume(used)).isInstanceOf(Consumption.First.class);

        otherInstance().revokeFamily(family, later());
        assertThat(store().consume(unused)).isInstanceOf(Consumption.FamilyRevoked.class);
        assertThat(store().consume(used)).isInstanceOf(Consumption.FamilyRevoked.class);
        assertThat(store().consume(otherFamily))
                .as("another family is untouched")
                .isInstanceOf(Consumption.First.class);
    }

    @Test
    void manyCallersRacingForOneTokenOnTwoInstancesGetExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String hash = hash();
                store().save(hash, grant("race-" + round + "-" + UUID.randomUUID(), List.of("r")));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Consumption>> outcomes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    RefreshTokenStore instance = i % 2 == 0 ? store() : otherInstance();
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        return instance.consume(hash);
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Consumption> outcome : outcomes) {
                    Consumption consumption = outcome.get();
                    if (consumption instanceof Consumption.First) {
                        winners++;
                    } else {
                        assertThat(consumption).isInstanceOf(Consumption.Reused.class);
                    }
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
