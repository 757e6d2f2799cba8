package dev.groundwork.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.groundwork.auth.internal.Base64Url;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compact JWS split and decoded, before any check of its signature or claims. JSON is parsed by nimbus's strict
 * parser, which refuses duplicate member names, trailing data and deep nesting.
 *
 * @param compact the token
 * @param header the protected header members
 * @param payload the claims
 * @param signingInputEnd index of the second dot: {@code compact[0, signingInputEnd)} is the signing input
 */
record ParsedToken(String compact, Map<String, Object> header, Map<String, Object> payload, int signingInputEnd) {

    /** The outcome of {@link #parse}: a token, or why it is not one. */
    sealed interface Result {}

    /** A parsed token. */
    record Parsed(ParsedToken token) implements Result {}

    /** Not a compact JWS. */
    record NotParsed(RejectionReason reason, String detail) implements Result {}

    /** The deepest nesting of objects and arrays accepted in a header or payload; real tokens use 2 or 3. */
    static final int MAX_DEPTH = 32;

    static Result parse(@Nullable CharSequence input, int maxLength) {
        if (input == null) {
            return new NotParsed(RejectionReason.MALFORMED, "no token");
        }
        int length = input.length();
        if (length > maxLength) {
            return new NotParsed(
                    RejectionReason.TOO_LARGE, "token of " + length + " characters exceeds the limit of " + maxLength);
        }
        if (length == 0) {
            return new NotParsed(RejectionReason.MALFORMED, "empty token");
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
            return new NotParsed(RejectionReason.MALFORMED, "a JWE (five segments) where a JWS was expected");
        }
        if (dots != 2) {
            return new NotParsed(RejectionReason.MALFORMED, "a compact JWS has three segments, this has " + (dots + 1));
        }
        if (!Base64Url.isCanonical(input, secondDot + 1, length)) {
            return new NotParsed(RejectionReason.MALFORMED, "signature is not canonical base64url");
        }
        Map<String, Object> header = object(input, 0, firstDot);
        if (header == null) {
            return new NotParsed(RejectionReason.MALFORMED, "header is not a base64url JSON object");
        }
        Map<String, Object> payload = object(input, firstDot + 1, secondDot);
        if (payload == null) {
            return new NotParsed(RejectionReason.MALFORMED, "payload is not a base64url JSON object");
        }
        return new Parsed(new ParsedToken(input.toString(), header, payload, secondDot));
    }

    private static @Nullable Map<String, Object> object(CharSequence input, int from, int to) {
        byte[] bytes = Base64Url.decode(input, from, to);
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            String json = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            Map<String, Object> object = JSONObjectUtils.parse(json);
            return depth(object, 1) <= MAX_DEPTH ? object : null;
        } catch (CharacterCodingException | ParseException | RuntimeException e) {
            // RuntimeException: the JSON library must not be able to turn hostile input into a crash.
            return null;
        }
    }

    /** Depth of the deepest value, the top-level object being 1. */
    private static int depth(Object value, int level) {
        if (level > MAX_DEPTH) {
            return level;
        }
        int deepest = level;
        if (value instanceof Map<?, ?> map) {
            for (Object child : map.values()) {
                if (child instanceof Map<?, ?> || child instanceof List<?>) {
                    deepest = Math.max(deepest, depth(child, level + 1));
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object child : list) {
                if (child instanceof Map<?, ?> || child instanceof List<?>) {
                    deepest = Math.max(deepest, depth(child, level + 1));
                }
            }
        }
        return deepest;
    }

    byte[] signingInput() {
        byte[] bytes = new byte[signingInputEnd];
        for (int i = 0; i < signingInputEnd; i++) {
            bytes[i] = (byte) compact.charAt(i);
        }
        return bytes;
    }
}
