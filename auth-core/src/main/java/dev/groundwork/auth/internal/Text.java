package dev.groundwork.auth.internal;

import org.jspecify.annotations.Nullable;

/** Character-level checks for text that goes into tokens and headers. Stateless; thread-safe. */
public final class Text {
    private Text() {}

    /**
     * RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}.
     *
     * @param scope the candidate
     * @return true when it is a non-empty scope-token
     */
    public static boolean isScopeToken(@Nullable String scope) {
        if (scope == null || scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text is well-formed UTF-16: every high surrogate followed by a low one, no low surrogate alone.
     * Only such text has a UTF-8 encoding; the JDK's encoder silently writes {@code ?} for a lone surrogate, so
     * {@code "a\ud800b"} and {@code "a\udc00b"} would both become {@code "a?b"}.
     *
     * @param text the text
     * @return the index of the first lone surrogate, or -1 when there is none
     */
    public static int loneSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
