package dev.groundwork.persistence.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One statement execution seen by a {@link StatementCounter}. Immutable.
 *
 * @param sql the SQL text as sent to the driver
 * @param kind what the statement does
 * @param parameters the bound parameters by position (index 0 is parameter 1); of the last batch entry for a
 *     batch; values as the provider bound them
 * @param batchSize the number of parameter sets sent in one {@code executeBatch}, 1 for a single execution
 */
public record RecordedStatement(String sql, StatementKind kind, List<@Nullable Object> parameters, int batchSize) {
    /**
     * Copies the parameters (nulls allowed).
     *
     * @param sql the SQL text as sent to the driver
     * @param kind what the statement does
     * @param parameters the bound parameters by position (index 0 is parameter 1); of the last batch entry for a * batch; values as the provider bound them
     * @param batchSize the number of parameter sets sent in one {@code executeBatch}, 1 for a single execution
     */
    public RecordedStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }
}
