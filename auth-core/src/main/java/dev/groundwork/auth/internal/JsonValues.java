package dev.groundwork.auth.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one gate for values an issuer writes into a token: each must have exactly one JSON form that the verifier
 * reads back as the same value. Strings must be well-formed UTF-16 (a lone surrogate has no UTF-8 encoding and
 * would be written as {@code ?}, so two distinct values would collide); numbers must be finite; only strings,
 * numbers, booleans, null, collections and string-keyed maps are accepted; nesting is bounded like the verifier's.
 * Stateless; thread-safe.
 */
public final class JsonValues {
    /** As deep as the verifier reads (its header and payload limit), counting the claims object itself. */
    public static final int MAX_DEPTH = 32;

    private JsonValues() {}

    /**
     * Refuses text without a UTF-8 form.
     *
     * @param what how the error names the text, such as {@code "subject"}
     * @param text the text
     * @return the text
     * @throws IllegalArgumentException when it holds a lone surrogate
     */
    public static String checkText(String what, String text) {
        int at = Text.loneSurrogate(text);
        if (at >= 0) {
            throw new IllegalArgumentException(
                    what + " is not well-formed UTF-16: a lone surrogate at index " + at + " has no UTF-8 encoding");
        }
        return text;
    }

    /**
     * Checks a claim value and everything inside it.
     *
     * @param path the claim's name, used in the error
     * @param value the value
     * @throws IllegalArgumentException naming the path of the first value that cannot be written exactly
     */
    public static void checkValue(String path, @Nullable Object value) {
        check(path, value, 2);
    }

    private static void check(String path, @Nullable Object value, int depth) {
        if (value == null || value instanceof Boolean) {
            return;
        }
        if (value instanceof String text) {
            checkText("claim " + path, text);
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("claim " + path + " is " + number + ", which JSON cannot hold");
            }
            return;
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return;
        }
        if (depth > MAX_DEPTH && (value instanceof Collection || value instanceof Map)) {
            throw new IllegalArgumentException("claim " + path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                check(path + "[" + i++ + "]", element, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("claim " + path + " has a member name that is not a string");
                }
                checkText("a member name in claim " + path, name);
                check(path + "." + name, entry.getValue(), depth + 1);
            }
            return;
        }
        throw new IllegalArgumentException(
                "claim " + path + " holds a " + value.getClass().getName()
                        + "; only strings, numbers, booleans, null, collections and maps with string keys are written");
    }
}
