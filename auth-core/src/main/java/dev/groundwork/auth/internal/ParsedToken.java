package dev.groundwork.auth.internal;

import dev.groundwork.auth.VerificationOutcome;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compact JWS split and decoded, before any check of its signature or claims. JSON is read by {@link StrictJson},
 * which refuses duplicate member names, trailing data, invalid UTF-8 and nesting deeper than {@link #MAX_DEPTH}.
 *
 * @param compact the token
 * @param header the protected header members
 * @param payload the claims
 * @param signingInputEnd index of the second dot: {@code compact[0, signingInputEnd)} is the signing input
 */
public record ParsedToken(
        String compact, Map<String, Object> header, Map<String, Object> payload, int signingInputEnd) {

    /** The outcome of {@link #parse}: a token, or why it is not one. */
    public sealed interface Result {}

    /** A parsed token. */
    public record Parsed(ParsedToken token) implements Result {}

    /** Not a compact JWS. */
    public record NotParsed(VerificationOutcome.Reason reason, String detail) implements Result {}

    /** The deepest nesting of objects and arrays accepted in a header or payload; real tokens use 2 or 3. */
    public static final int MAX_DEPTH = 32;

    public static Result parse(@Nullable CharSequence input, int maxLength) {
        if (input == null) {
            return new NotParsed(VerificationOutcome.Reason.MALFORMED, "no token");
        }
        int length = input.length();
        if (length > maxLength) {
            return new NotParsed(
                    VerificationOutcome.Reason.TOO_LARGE,
                    "token of " + length + " characters exceeds the limit of " + maxLength);
        }
        if (length == 0) {
            return new NotParsed(VerificationOutcome.Reason.MALFORMED, "empty token");
        }
        int firstDot = -1;
        int secondDot = -1;
        int dots = 0;
        for (int i = 0; i < length; i++) {
            if (input.charAt(i) == '.') {
                dots++;
                if (dots == 1) {
                    firstDot = i;
                } else if (dots == 2) {
                    secondDot = i;
                }
            }
        }
        if (dots == 4) {
            return new NotParsed(
                    VerificationOutcome.Reason.MALFORMED, "a JWE (five segments) where a JWS was expected");
        }
        if (dots != 2) {
            return new NotParsed(
                    VerificationOutcome.Reason.MALFORMED, "a compact JWS has three segments, this has " + (dots + 1));
        }
        if (!Base64Url.isCanonical(input, secondDot + 1, length)) {
            return new NotParsed(VerificationOutcome.Reason.MALFORMED, "signature is not canonical base64url");
        }
        Map<String, Object> header = object(input, 0, firstDot);
        if (header == null) {
            return new NotParsed(VerificationOutcome.Reason.MALFORMED, "header is not a base64url JSON object");
        }
        Map<String, Object> payload = object(input, firstDot + 1, secondDot);
        if (payload == null) {
            return new NotParsed(VerificationOutcome.Reason.MALFORMED, "payload is not a base64url JSON object");
        }
        return new Parsed(new ParsedToken(input.toString(), header, payload, secondDot));
    }

    private static @Nullable Map<String, Object> object(CharSequence input, int from, int to) {
        byte[] bytes = Base64Url.decode(input, from, to);
        return bytes == null ? null : StrictJson.parseObject(bytes, MAX_DEPTH);
    }

    public byte[] signingInput() {
        byte[] bytes = new byte[signingInputEnd];
        for (int i = 0; i < signingInputEnd; i++) {
            bytes[i] = (byte) compact.charAt(i);
        }
        return bytes;
    }
}
