package dev.groundwork.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of one {@code WWW-Authenticate} Bearer challenge, written from RFC 9110 §11 and RFC 6750 §3:
 *
 * <pre>
 * challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-param = token BWS "=" BWS ( token / quoted-string )
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * </pre>
 *
 * plus RFC 6750's own rules: the scheme is {@code Bearer}; no attribute appears twice; {@code error} and
 * {@code error_description} are quoted and hold only {@code %x20-21 / %x23-5B / %x5D-7E}; {@code scope} is
 * quoted and holds scope-tokens separated by single spaces.
 */
final class ChallengeGrammar {
    private static final Set<String> ERRORS = Set.of("invalid_request", "invalid_token", "insufficient_scope");

    private final String input;
    private int at;

    private ChallengeGrammar(String input) {
        this.input = input;
    }

    /** The challenge's parameters, unquoted; throws {@link AssertionError} naming the first violation. */
    static Map<String, String> parse(String header) {
        return new ChallengeGrammar(header).challenge();
    }

    private Map<String, String> challenge() {
        String scheme = token();
        if (!scheme.equals("Bearer")) {
            fail("scheme is not Bearer");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (at == input.length()) {
            return params;
        }
        if (input.charAt(at) != ' ') {
            fail("expected SP after the scheme");
        }
        while (at < input.length() && input.charAt(at) == ' ') {
            at++;
        }
        while (true) {
            String name = token();
            bws();
            expect('=');
            bws();
            boolean quoted = at < input.length() && input.charAt(at) == '"';
            String value = quoted ? quotedString() : token();
            if (params.put(name, value) != null) {
                fail("attribute " + name + " appears twice (RFC 6750 §3)");
            }
            check(name, value, quoted);
            bws();
            if (at == input.length()) {
                return params;
            }
            expect(',');
            bws();
        }
    }

    private void check(String name, String value, boolean quoted) {
        switch (name) {
            case "error", "error_description", "realm", "scope", "error_uri" -> {
                if (!quoted) {
                    fail(name + " must be a quoted-string (RFC 6750 §3)");
                }
            }
            default -> {}
        }
        if (name.equals("error") && !ERRORS.contains(value)) {
            fail("unknown error code " + value);
        }
        if (name.equals("error") || name.equals("error_description")) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (!(c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
                    fail(name + " holds a character outside %x20-21 / %x23-5B / %x5D-7E");
                }
            }
        }
        if (name.equals("scope")) {
            for (String scope : value.split(" ", -1)) {
                if (scope.isEmpty()
                        || !scope.chars()
                                .allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
                    fail("scope is not scope-tokens separated by single spaces");
                }
            }
        }
    }

    private String token() {
        int start = at;
        while (at < input.length() && isTchar(input.charAt(at))) {
            at++;
        }
        if (at == start) {
            fail("expected a token");
        }
        return input.substring(start, at);
    }

    private String quotedString() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at == input.length()) {
                fail("unterminated quoted-string");
            }
            char c = input.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (at == input.length()) {
                    fail("quoted-pair at the end");
                }
                c = input.charAt(at++);
                if (!(c == '\t' || c == ' ' || (c >= 0x21 && c <= 0x7E) || c >= 0x80)) {
                    fail("bad quoted-pair");
                }
            } else if (!(c == '\t'
                    || c == ' '
                    || c == 0x21
                    || (c >= 0x23 && c <= 0x5B)
                    || (c >= 0x5D && c <= 0x7E)
                    || (c >= 0x80 && c <= 0xFF))) {
                fail("character " + (int) c + " is not qdtext");
            }
            value.append(c);
        }
    }

    private void bws() {
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

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private void fail(String why) {
        throw new AssertionError("not an RFC 6750 / RFC 9110 challenge (" + why + " at " + at + "): " + input);
    }
}
