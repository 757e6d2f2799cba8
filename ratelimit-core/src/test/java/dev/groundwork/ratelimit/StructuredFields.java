package dev.groundwork.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of RFC 9651 Structured Field Lists, written from its §4.2 parsing algorithms, for checking the
 * headers a decision writes. Anything the RFC says to fail on throws {@link AssertionError}; inner lists, byte
 * sequences, dates and display strings are not needed here and are refused.
 */
final class StructuredFields {
    /** One list member: a bare item and its parameters. */
    record Item(Object value, Map<String, Object> parameters) {}

    private final String input;
    private int at;

    private StructuredFields(String input) {
        this.input = input;
    }

    static List<Item> parseList(String field) {
        StructuredFields parser = new StructuredFields(field);
        List<Item> members = parser.list();
        return members;
    }

    private List<Item> list() {
        skip(' ');
        List<Item> members = new ArrayList<>();
        while (at < input.length()) {
            members.add(item());
            skipOws();
            if (at == input.length()) {
                return members;
            }
            expect(',');
            skipOws();
            if (at == input.length()) {
                fail("trailing comma");
            }
        }
        return members;
    }

    private Item item() {
        Object value = bareItem();
        Map<String, Object> parameters = new LinkedHashMap<>();
        while (at < input.length() && input.charAt(at) == ';') {
            at++;
            skip(' ');
            String key = key();
            Object parameter = Boolean.TRUE;
            if (at < input.length() && input.charAt(at) == '=') {
                at++;
                parameter = bareItem();
            }
            parameters.put(key, parameter);
        }
        return new Item(value, parameters);
    }

    private Object bareItem() {
        if (at >= input.length()) {
            fail("expected an item");
        }
        char c = input.charAt(at);
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == '?') {
            at++;
            char b = at < input.length() ? input.charAt(at++) : 'x';
            if (b != '0' && b != '1') {
                fail("bad boolean");
            }
            return b == '1';
        }
        if (Character.isLetter(c) || c == '*') {
            int start = at;
            while (at < input.length() && isTokenChar(input.charAt(at))) {
                at++;
            }
            return input.substring(start, at);
        }
        fail("unexpected character '" + c + "'");
        return "";
    }

    private Object number() {
        int start = at;
        boolean negative = input.charAt(at) == '-';
        if (negative) {
            at++;
        }
        int digitsStart = at;
        while (at < input.length() && Character.isDigit(input.charAt(at))) {
            at++;
        }
        if (at == digitsStart) {
            fail("a number needs digits");
        }
        if (at < input.length() && input.charAt(at) == '.') {
            if (at - digitsStart > 12) {
                fail("a decimal has at most 12 integer digits");
            }
            at++;
            int fraction = at;
            while (at < input.length() && Character.isDigit(input.charAt(at))) {
                at++;
            }
            if (at == fraction || at - fraction > 3) {
                fail("a decimal has 1 to 3 fractional digits");
            }
            return Double.parseDouble(input.substring(start, at));
        }
        if (at - digitsStart > 15) {
            fail("an integer has at most 15 digits (RFC 9651 §3.3.1)");
        }
        return Long.parseLong(input.substring(start, at));
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (at < input.length()) {
            char c = input.charAt(at++);
            if (c == '\\') {
                if (at >= input.length()) {
                    fail("escape at the end");
                }
                char next = input.charAt(at++);
                if (next != '"' && next != '\\') {
                    fail("only \\\" and \\\\ may be escaped");
                }
                out.append(next);
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7E) {
                fail("a string holds only printable ASCII");
            } else {
                out.append(c);
            }
        }
        fail("unterminated string");
        return "";
    }

    private String key() {
        int start = at;
        if (at >= input.length()
                || !((input.charAt(at) >= 'a' && input.charAt(at) <= 'z') || input.charAt(at) == '*')) {
            fail("a key starts with a lowercase letter or *");
        }
        while (at < input.length()) {
            char c = input.charAt(at);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
                at++;
            } else {
                break;
            }
        }
        return input.substring(start, at);
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) && c < 0x80 || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    private void skip(char c) {
        while (at < input.length() && input.charAt(at) == c) {
            at++;
        }
    }

    private void skipOws() {
        while (at < input.length() && (input.charAt(at) == ' ' || input.charAt(at) == '\t')) {
            at++;
        }
    }

    private void expect(char c) {
        if (at >= input.length() || input.charAt(at) != c) {
            fail("expected '" + c + "'");
        }
        at++;
    }

    private void fail(String why) {
        throw new AssertionError("not an RFC 9651 List (" + why + " at " + at + "): " + input);
    }
}
