package dev.groundwork.persistence.tx;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs work in a resource-local transaction: a fresh {@link EntityManager}, begin, the work, commit; on failure
 * a rollback, and for a conflict a retry with exponential backoff and full jitter. Each attempt gets its own
 * entity manager, because a failed persistence context is unusable (JPA 3.1 §3.3.3). Thread-safe and immutable.
 *
 * <pre>{@code
 * TransactionTemplate tx = TransactionTemplate.builder(emf).maxAttempts(3).build();
 * Account account = tx.call(em -> em.find(Account.class, id));
 * }</pre>
 *
 * <p>Retried by default, wherever it appears in the cause chain: {@link OptimisticLockException} (also as the
 * cause of the {@code RollbackException} a failed commit throws), {@link PessimisticLockException},
 * {@link LockTimeoutException}, Hibernate's {@code StaleStateException}, and {@link SQLException}s with SQLSTATE
 * {@code 40001} (serialization failure) or {@code 40P01} (deadlock detected). Anything else is rethrown at once.
 * When attempts run out the last failure is rethrown unchanged, with the earlier ones attached as suppressed
 * exceptions. The work must therefore be safe to run again: no side effects outside the transaction.
 */
public final class TransactionTemplate {
    /** Sleeps between attempts; replaceable so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Sleeps.
         *
         * @param duration how long
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Set<String> RETRY_SQL_STATES = Set.of("40001", "40P01");

    private final EntityManagerFactory emf;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Predicate<Throwable> retryable;
    private final Sleeper sleeper;

    private TransactionTemplate(Builder b) {
        this.emf = b.emf;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.retryable = b.retryable;
        this.sleeper = b.sleeper;
    }

    /**
     * Starts a template.
     *
     * @param emf the factory each attempt's entity manager comes from
     * @return a builder
     */
    public static Builder builder(EntityManagerFactory emf) {
        return new Builder(Objects.requireNonNull(emf, "emf"));
    }

    /**
     * Runs work in a transaction and returns its result.
     *
     * @param work the work; may run more than once
     * @param <R> the result type
     * @return the result of the attempt that committed
     * @throws RuntimeException the work's or the commit's failure, after the retries it earned
     */
    public <R> R call(Function<EntityManager, R> work) {
        Objects.requireNonNull(work, "work");
        List<RuntimeException> failures = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                R result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                rollback(tx, e);
                if (attempt >= maxAttempts || !isRetryable(e)) {
                    failures.forEach(e::addSuppressed);
                    throw e;
                }
                failures.add(e);
            } finally {
                em.close();
            }
            pause(attempt, failures);
        }
    }

    /**
     * Runs work in a transaction.
     *
     * @param work the work; may run more than once
     * @throws RuntimeException the work's or the commit's failure, after the retries it earned
     */
    public void run(Consumer<EntityManager> work) {
        Objects.requireNonNull(work, "work");
        call(em -> {
            work.accept(em);
            return Boolean.TRUE;
        });
    }

    private static void rollback(EntityTransaction tx, RuntimeException cause) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean isRetryable(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (retryable.test(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean isConflict(Throwable t) {
        if (t instanceof OptimisticLockException
                || t instanceof PessimisticLockException
                || t instanceof LockTimeoutException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            for (SQLException s = sql; s != null; s = s.getNextException()) {
                if (s.getSQLState() != null && RETRY_SQL_STATES.contains(s.getSQLState())) {
                    return true;
                }
                if (s.getNextException() == s) {
                    break;
                }
            }
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("org.hibernate.StaleStateException")) {
                return true;
            }
        }
        return false;
    }

    private void pause(int attempt, List<RuntimeException> failures) {
        long cap = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() << Math.min(attempt - 1, 20));
        long nanos = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
        try {
            sleeper.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            RuntimeException last = failures.remove(failures.size() - 1);
            failures.forEach(last::addSuppressed);
            throw last;
        }
    }

    /** Builds a {@link TransactionTemplate}; not thread-safe. */
    public static final class Builder {
        private final EntityManagerFactory emf;
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(10);
        private Duration maxBackoff = Duration.ofMillis(200);
        private Predicate<Throwable> retryable = TransactionTemplate::isConflict;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

        private Builder(EntityManagerFactory emf) {
            this.emf = emf;
        }

        /**
         * Sets how many times the work may run. Default: 3.
         *
         * @param attempts between 1 (no retry) and 10
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("maxAttempts " + attempts + " must be between 1 and 10");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Sets the backoff: before retry {@code n}, a random pause up to {@code min(max, initial * 2^(n-1))}.
         * Default: 10 ms and 200 ms.
         *
         * @param initial the first cap, zero or more
         * @param max the largest cap, at least {@code initial} and at most 30 s
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.isNegative() || max.compareTo(initial) < 0 || max.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException(
                        "backoff " + initial + " .. " + max + " must satisfy 0 <= initial <= max <= 30 s");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Retries also failures this predicate accepts (tested on each exception of the cause chain).
         *
         * @param predicate more retryable failures
         * @return this builder
         */
        public Builder retryAlsoOn(Predicate<Throwable> predicate) {
            Objects.requireNonNull(predicate, "predicate");
            this.retryable = this.retryable.or(predicate);
            return this;
        }

        /**
         * Replaces the sleep between attempts (for tests).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the template.
         *
         * @return the template
         */
        public TransactionTemplate build() {
            return new TransactionTemplate(this);
        }
    }
}
