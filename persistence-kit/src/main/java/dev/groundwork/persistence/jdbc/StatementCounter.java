package dev.groundwork.persistence.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Counts the SQL statements an application runs, for tests that pin query counts and catch N+1 selects. Wraps a
 * {@link DataSource} with JDK proxies, so it works under every JPA provider (pass the wrapped data source as
 * {@code jakarta.persistence.nonJtaDataSource}) and with plain JDBC. Thread-safe.
 *
 * <pre>{@code
 * StatementCounter counter = StatementCounter.create();
 * DataSource dataSource = counter.wrap(pooledDataSource);
 * // ... build the EntityManagerFactory on dataSource ...
 * try (StatementRecording r = counter.start()) {
 *     countEvents(dataSource);
 *     r.assertSelects(1);
 * }
 * }</pre>
 *
 * <p>A recording sees the statements of the thread that started it, which is where a JPA
 * {@code EntityManager} runs them; parallel tests do not disturb each other. With no recording open the wrapper
 * only forwards calls.
 */
public final class StatementCounter {
    private final List<StatementRecording> active = new CopyOnWriteArrayList<>();

    private StatementCounter() {}

    /**
     * Creates a counter.
     *
     * @return the counter
     */
    public static StatementCounter create() {
        return new StatementCounter();
    }

    /**
     * Wraps a data source so that its statements are counted.
     *
     * @param target the real data source
     * @return the counting data source
     */
    public DataSource wrap(DataSource target) {
        Objects.requireNonNull(target, "target");
        return proxy(
                DataSource.class,
                target,
                (method, args, result) -> result instanceof Connection c ? connection(c) : result);
    }

    /**
     * Starts recording the calling thread's statements.
     *
     * @return the recording; close it to stop
     */
    public StatementRecording start() {
        StatementRecording r = new StatementRecording(this, Thread.currentThread());
        active.add(r);
        return r;
    }

    void stop(StatementRecording recording) {
        active.remove(recording);
    }

    private void record(String sql, List<@Nullable Object> parameters, int batchSize) {
        if (active.isEmpty()) {
            return;
        }
        Thread current = Thread.currentThread();
        RecordedStatement statement = null;
        for (StatementRecording r : active) {
            if (r.thread() == current) {
                if (statement == null) {
                    statement = new RecordedStatement(sql, StatementKind.of(sql), parameters, batchSize);
                }
                r.add(statement);
            }
        }
    }

    private Connection connection(Connection real) {
        Connection[] self = new Connection[1];
        self[0] = proxy(Connection.class, real, (method, args, result) -> {
            if (result instanceof CallableStatement cs) {
                return statement(CallableStatement.class, cs, (String) args[0], self[0]);
            } else if (result instanceof PreparedStatement ps) {
                return statement(PreparedStatement.class, ps, (String) args[0], self[0]);
            } else if (result instanceof Statement s) {
                return statement(Statement.class, s, null, self[0]);
            }
            return result;
        });
        return self[0];
    }

    private <S extends Statement> S statement(Class<S> type, S real, @Nullable String preparedSql, Connection owner) {
        StatementState state = new StatementState(preparedSql);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, real);
            }
            String name = method.getName();
            if (name.startsWith("set")
                    && args != null
                    && args.length >= 2
                    && args[0] instanceof Integer index
                    && state.preparedSql != null) {
                state.bind(index, args[1]);
            } else if (name.equals("clearParameters")) {
                state.parameters.clear();
            } else if (name.equals("addBatch")) {
                if (args != null && args.length == 1 && args[0] instanceof String sql) {
                    state.plainBatch.add(sql);
                }
                state.batched++;
            } else if (name.equals("clearBatch")) {
                state.batched = 0;
                state.plainBatch.clear();
            }
            if (name.equals("getConnection") && (args == null || args.length == 0)) {
                return owner; // statements made through it stay counted
            }
            Object result = invoke(method, real, args);
            if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                if (state.preparedSql != null) {
                    record(state.preparedSql, state.parameters, Math.max(1, state.batched));
                } else {
                    for (String sql : state.plainBatch) {
                        record(sql, List.of(), 1);
                    }
                }
                state.batched = 0;
                state.plainBatch.clear();
            } else if (name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : state.preparedSql;
                if (sql != null) {
                    record(sql, state.preparedSql != null ? state.parameters : List.of(), 1);
                }
            }
            return result;
        };
        return type.cast(
                Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The parameters and batch of one statement; a statement is used by one thread at a time. */
    private static final class StatementState {
        final @Nullable String preparedSql;
        final List<@Nullable Object> parameters = new ArrayList<>();
        final List<String> plainBatch = new ArrayList<>();
        int batched;

        StatementState(@Nullable String preparedSql) {
            this.preparedSql = preparedSql;
        }

        void bind(int index, @Nullable Object value) {
            if (index < 1 || index > 65_535) {
                return;
            }
            while (parameters.size() < index) {
                parameters.add(null);
            }
            parameters.set(index - 1, value);
        }
    }

    @FunctionalInterface
    private interface ResultMapper {
        @Nullable
        Object map(Method method, @Nullable Object[] args, @Nullable Object result);
    }

    private static <I> I proxy(Class<I> type, I real, ResultMapper mapper) {
        InvocationHandler handler = (proxy, method, args) -> method.getDeclaringClass() == Object.class
                ? objectMethod(proxy, method, args, real)
                : mapper.map(method, args, invoke(method, real, args));
        return type.cast(
                Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object objectMethod(Object proxy, Method method, @Nullable Object[] args, Object target) {
        return switch (method.getName()) {
            case "equals" -> args != null && args[0] == proxy;
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "counted " + target;
        };
    }

    private static @Nullable Object invoke(Method method, Object target, @Nullable Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
