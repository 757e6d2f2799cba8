package dev.groundwork.auth.internal;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Strict base64url (RFC 4648 §5, no padding) as RFC 7515 requires for every JWS segment: only the 64 URL-safe
 * characters, no {@code =}, no whitespace, and canonical trailing bits, so that one byte string has exactly one
 * encoding (a lenient decoder lets an attacker mint many spellings of one token). Stateless; thread-safe.
 */
public final class Base64Url {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] VALUE = new byte[128];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {}

    /**
     * Decodes {@code text[from, to)}.
     *
     * @param text the text holding the segment
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the bytes, or null when the segment is not canonical unpadded base64url
     */
    public static byte @Nullable [] decode(CharSequence text, int from, int to) {
        if (!isCanonical(text, from, to)) {
            return null;
        }
        int length = to - from;
        byte[] ascii = new byte[length];
        for (int i = 0; i < length; i++) {
            ascii[i] = (byte) text.charAt(from + i);
        }
        return DECODER.decode(ascii);
    }

    /**
     * Whether {@code text[from, to)} is canonical unpadded base64url, without decoding it.
     *
     * @param text the text holding the segment
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return true when {@link #decode} would succeed
     */
    public static boolean isCanonical(CharSequence text, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUE[c] < 0) {
                return false;
            }
        }
        if (length > 0) {
            int last = VALUE[text.charAt(to - 1)];
            // The unused low bits of the last character must be zero (RFC 4648 §3.5, canonical encoding).
            int unusedBitsMask = switch (length % 4) {
                case 2 -> 0x0F;
                case 3 -> 0x03;
                default -> 0;
            };
            return (last & unusedBitsMask) == 0;
        }
        return true;
    }

    /**
     * Encodes without padding.
     *
     * @param bytes the bytes
     * @return the base64url text
     */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }
}
