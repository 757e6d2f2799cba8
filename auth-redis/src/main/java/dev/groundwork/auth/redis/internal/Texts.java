package dev.groundwork.auth.redis.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lists of strings in one Redis value: each as its length in chars, a colon, and the text. */
public final class Texts {

    private Texts() {}

    public static String encode(List<String> values) {
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            text.append(value.length()).append(':').append(value);
        }
        return text.toString();
    }

    /** The list, or null when the text is not one this class wrote. */
    public static @Nullable List<String> decode(String text) {
        List<String> values = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            if (colon <= at || colon - at > 9) {
                return null;
            }
            int length;
            try {
                length = Integer.parseInt(text, at, colon, 10);
            } catch (NumberFormatException e) {
                return null;
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                return null;
            }
            values.add(text.substring(colon + 1, end));
            at = end;
        }
        return values;
    }

    /** A decimal long, or null. */
    public static @Nullable Long number(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
