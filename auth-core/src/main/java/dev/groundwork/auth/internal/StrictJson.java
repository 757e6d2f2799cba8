package dev.groundwork.auth.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict JSON (RFC 8259) reader for JOSE headers and JWT claim sets, reading UTF-8 bytes straight into
 * unmodifiable maps and lists.
 *
 * <p>Why not a general JSON library: a token parser must refuse what general parsers tolerate, and must do it before
 * anything else looks at the data. This reader refuses duplicate member names (RFC 7515 §5.2 lets a JWS parser
 * reject them, and a "last one wins" parser lets an attacker hide a second {@code sub}), nesting deeper than a
 * limit, invalid UTF-8 (overlong forms, surrogates, truncated sequences), unescaped control characters, leading
 * zeros, trailing data, and every non-standard extension (comments, single quotes, {@code NaN}). It also avoids
 * the reflection and copying that made nimbus's shaded Gson the largest cost of verifying an HS256 token.
 *
 * <p>Values: {@link String}, {@link Long} (integers that fit), {@link Double} (other numbers), {@link Boolean},
 * {@code null}, and unmodifiable {@link List} and {@link Map} (insertion-ordered). Stateless; thread-safe.
 */
public final class StrictJson {
    private final byte[] in;
    private final int maxDepth;
    private int pos;

    private StrictJson(byte[] in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /**
     * Reads a JSON object that is the whole input.
     *
     * @param utf8 the JSON text in UTF-8
     * @param maxDepth the deepest nesting allowed, the top-level object being depth 1
     * @return the members, unmodifiable and insertion-ordered; null when the input is not exactly one valid object
     *     within the limits
     */
    public static @Nullable Map<String, Object> parseObject(byte[] utf8, int maxDepth) {
        StrictJson reader = new StrictJson(utf8, maxDepth);
        try {
            reader.skipWhitespace();
            if (reader.peek() != '{') {
                return null;
            }
            Map<String, Object> object = reader.readObject(1);
            reader.skipWhitespace();
            return reader.pos == utf8.length ? object : null;
        } catch (Invalid e) {
            return null;
        }
    }

    /** Thrown inside the reader; never escapes {@link #parseObject}. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private static final Invalid INSTANCE = new Invalid();

        private Invalid() {
            super(null, null, false, false);
        }
    }

    private static Invalid invalid() {
        return Invalid.INSTANCE;
    }

    private int peek() throws Invalid {
        if (pos >= in.length) {
            throw invalid();
        }
        return in[pos] & 0xFF;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void expect(char c) throws Invalid {
        if (peek() != c) {
            throw invalid();
        }
        pos++;
    }

    private @Nullable Object readValue(int depth) throws Invalid {
        skipWhitespace();
        int c = peek();
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                readLiteral("true");
                return Boolean.TRUE;
            case 'f':
                readLiteral("false");
                return Boolean.FALSE;
            case 'n':
                readLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw invalid();
        }
    }

    private Map<String, Object> readObject(int depth) throws Invalid {
        if (depth > maxDepth) {
            throw invalid();
        }
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw invalid();
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            Object value = readValue(depth);
            if (members.containsKey(name)) {
                throw invalid();
            }
            members.put(name, value);
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (c != ',') {
                throw invalid();
            }
        }
    }

    private List<@Nullable Object> readArray(int depth) throws Invalid {
        if (depth > maxDepth) {
            throw invalid();
        }
        expect('[');
        List<@Nullable Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            elements.add(readValue(depth));
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(elements);
            }
            if (c != ',') {
                throw invalid();
            }
        }
    }

    private void readLiteral(String literal) throws Invalid {
        if (pos + literal.length() > in.length) {
            throw invalid();
        }
        for (int i = 0; i < literal.length(); i++) {
            if (in[pos + i] != literal.charAt(i)) {
                throw invalid();
            }
        }
        pos += literal.length();
    }

    private Object readNumber() throws Invalid {
        int start = pos;
        boolean integer = true;
        if (in[pos] == '-') {
            pos++;
        }
        // int = zero / ( digit1-9 *DIGIT ): no leading zeros.
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < in.length && in[pos] == '.') {
            integer = false;
            pos++;
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            digits();
        }
        if (integer && pos - start <= 18) {
            // At most 18 characters, so below 10^18: no overflow. The time claims (exp, iat, nbf) are all here, and
            // reading them without a String was a sixth of an HS256 verification's time in a profile.
            int i = start;
            boolean negative = in[i] == '-';
            if (negative) {
                i++;
            }
            long value = 0;
            for (; i < pos; i++) {
                value = value * 10 + (in[i] - '0');
            }
            return negative ? -value : value;
        }
        String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        if (integer && pos - start <= 20) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // Too large for a long: read it as a double below.
            }
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw invalid();
        }
        return value;
    }

    private void digits() throws Invalid {
        int c = peek();
        if (c < '0' || c > '9') {
            throw invalid();
        }
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
    }

    private String readString() throws Invalid {
        expect('"');
        int start = pos;
        // Fast path: plain ASCII without escapes, the common case for every registered claim.
        while (pos < in.length) {
            int b = in[pos] & 0xFF;
            if (b == '"') {
                String plain = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
                pos++;
                return plain;
            }
            if (b == '\\' || b < 0x20 || b >= 0x80) {
                break;
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16);
        out.append(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        while (true) {
            int b = peek();
            pos++;
            if (b == '"') {
                return out.toString();
            }
            if (b < 0x20) {
                throw invalid();
            }
            if (b == '\\') {
                readEscape(out);
            } else if (b < 0x80) {
                out.append((char) b);
            } else {
                readUtf8(b, out);
            }
        }
    }

    private void readEscape(StringBuilder out) throws Invalid {
        int c = peek();
        pos++;
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    code = (code << 4) | hex(peek());
                    pos++;
                }
                out.append((char) code);
            }
            default -> throw invalid();
        }
    }

    private static int hex(int c) throws Invalid {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw invalid();
    }

    /** Decodes one UTF-8 sequence whose lead byte was just read, refusing every ill-formed one (RFC 3629). */
    private void readUtf8(int lead, StringBuilder out) throws Invalid {
        int length;
        int code;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 1;
            code = lead & 0x1F;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 2;
            code = lead & 0x0F;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 3;
            code = lead & 0x07;
            min = 0x10000;
        } else {
            throw invalid();
        }
        for (int i = 0; i < length; i++) {
            int next = peek();
            if ((next & 0xC0) != 0x80) {
                throw invalid();
            }
            code = (code << 6) | (next & 0x3F);
            pos++;
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            throw invalid();
        }
        out.appendCodePoint(code);
    }
}
