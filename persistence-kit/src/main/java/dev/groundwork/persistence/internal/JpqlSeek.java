package dev.groundwork.persistence.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seek {@link Seek.Algebra} as JPQL text. Each key's value is one named parameter ({@code :gw_k0},
 * {@code :gw_k1}, ...), collected in {@link #parameters()}. Paths come from a checked whitelist, never from
 * request input. Not thread-safe: one per query.
 */
public final class JpqlSeek implements Seek.Algebra<String> {
    /** The prefix reserved for the parameters this class writes. */
    public static final String PARAMETER_PREFIX = "gw_";

    private final List<String> paths;
    private final List<Seek.Key> keys;
    private final Map<String, Object> parameters = new TreeMap<>();

    /**
     * Creates the algebra.
     *
     * @param paths the sort-key paths with the query's alias ({@code o.createdAt}), in query order
     * @param keys the position
     */
    public JpqlSeek(List<String> paths, List<Seek.Key> keys) {
        this.paths = paths;
        this.keys = keys;
    }

    /**
     * Returns the parameters the predicates written so far refer to.
     *
     * @return parameter name to value
     */
    public Map<String, Object> parameters() {
        return parameters;
    }

    private String parameter(int i) {
        String name = PARAMETER_PREFIX + "k" + i;
        Object value = keys.get(i).value();
        if (value == null) {
            throw new IllegalStateException("key " + i + " has no value to compare");
        }
        parameters.put(name, value);
        return ":" + name;
    }

    @Override
    public String isNull(int i) {
        return paths.get(i) + " is null";
    }

    @Override
    public String isNotNull(int i) {
        return paths.get(i) + " is not null";
    }

    @Override
    public String equal(int i) {
        return paths.get(i) + " = " + parameter(i);
    }

    @Override
    public String compare(int i, boolean greater, boolean orEqual) {
        return paths.get(i) + (greater ? " >" : " <") + (orEqual ? "= " : " ") + parameter(i);
    }

    @Override
    public String rowCompare(boolean greater, boolean orEqual) {
        StringBuilder left = new StringBuilder("(");
        StringBuilder right = new StringBuilder("(");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                left.append(", ");
                right.append(", ");
            }
            left.append(paths.get(i));
            right.append(parameter(i));
        }
        return left.append(')') + (greater ? " >" : " <") + (orEqual ? "= " : " ") + right.append(')');
    }

    @Override
    public String and(String a, String b) {
        return "(" + a + " and " + b + ")";
    }

    @Override
    public String or(String a, String b) {
        return "(" + a + " or " + b + ")";
    }

    @Override
    public String none() {
        return "1 = 0";
    }
}
