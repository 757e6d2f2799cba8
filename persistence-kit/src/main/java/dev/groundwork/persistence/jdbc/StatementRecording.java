package dev.groundwork.persistence.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The statements one thread executed through a {@link StatementCounter} between {@link StatementCounter#start()}
 * and {@link #close()}, with assertions for tests. Each assertion throws {@link AssertionError} listing the
 * statements, so it works under any test framework. Thread-safe.
 *
 * <pre>{@code
 * try (StatementRecording r = counter.start()) {
 *     countEvents(dataSource);
 *     r.assertSelects(1).assertNoRepeatedSelects(3);
 * }
 * }</pre>
 */
public final class StatementRecording implements AutoCloseable {
    private final StatementCounter counter;
    private final Thread thread;
    private final List<RecordedStatement> statements = new CopyOnWriteArrayList<>();

    StatementRecording(StatementCounter counter, Thread thread) {
        this.counter = counter;
        this.thread = thread;
    }

    void add(RecordedStatement statement) {
        statements.add(statement);
    }

    Thread thread() {
        return thread;
    }

    /**
     * Returns the statements recorded so far, in execution order.
     *
     * @return the statements
     */
    public List<RecordedStatement> statements() {
        return List.copyOf(statements);
    }

    /**
     * Counts the statement executions of a kind (a batch counts once).
     *
     * @param kind the kind
     * @return the count
     */
    public int count(StatementKind kind) {
        int n = 0;
        for (RecordedStatement s : statements) {
            if (s.kind() == kind) {
                n++;
            }
        }
        return n;
    }

    /**
     * Counts every statement execution.
     *
     * @return the count
     */
    public int total() {
        return statements.size();
    }

    /**
     * Checks the number of {@code SELECT}s.
     *
     * @param expected the expected count
     * @return this recording
     * @throws AssertionError if it differs
     */
    public StatementRecording assertSelects(int expected) {
        return assertCount(StatementKind.SELECT, expected);
    }

    /**
     * Checks the number of statements of a kind.
     *
     * @param kind the kind
     * @param expected the expected count
     * @return this recording
     * @throws AssertionError if it differs
     */
    public StatementRecording assertCount(StatementKind kind, int expected) {
        int actual = count(kind);
        if (actual != expected) {
            throw new AssertionError(
                    "expected " + expected + " " + kind + " statement(s) but saw " + actual + ":\n" + describe());
        }
        return this;
    }

    /**
     * Checks that no {@code SELECT} text ran {@code threshold} times or more: the signature of an N+1 problem
     * (one query for a list, then one per row with different parameters).
     *
     * @param threshold the smallest repeat count that fails, at least 2
     * @return this recording
     * @throws AssertionError if some select repeated that often
     */
    public StatementRecording assertNoRepeatedSelects(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold " + threshold + " must be at least 2");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RecordedStatement s : statements) {
            if (s.kind() == StatementKind.SELECT) {
                counts.merge(s.sql(), 1, Integer::sum);
            }
        }
        List<String> repeated = new ArrayList<>();
        counts.forEach((sql, n) -> {
            if (n >= threshold) {
                repeated.add(n + " x " + sql);
            }
        });
        if (!repeated.isEmpty()) {
            throw new AssertionError(
                    "N+1 suspected, the same select ran " + threshold + "+ times:\n  " + String.join("\n  ", repeated));
        }
        return this;
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (RecordedStatement s : statements) {
            sb.append("  ").append(s.sql());
            if (s.batchSize() > 1) {
                sb.append("  [batch of ").append(s.batchSize()).append(']');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Stops recording; the statements stay readable. */
    @Override
    public void close() {
        counter.stop(this);
    }
}
