package dev.groundwork.cache.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An entity tag (RFC 9110 §8.8.3): an opaque validator of a representation, strong ({@code "xyz"}) or weak
 * ({@code W/"xyz"}). Strong tags change whenever the bytes change; weak ones only when the meaning does.
 *
 * <pre>{@code
 * EntityTag tag = EntityTag.ofBytes(body); // strong, from the representation's bytes
 * EntityTag version = EntityTag.ofVersion(article.version()); // weak, from a version number
 * responseHeaders.put("ETag", tag.toString());
 * }</pre>
 *
 * @param opaque the tag's characters between the quotes: {@code %x21 / %x23-7E}, at most 256
 * @param weak whether the tag is weak
 */
public record EntityTag(String opaque, boolean weak) {

    private static final int MAX_LENGTH = 256;

    /**
     * Validates the tag.
     *
     * @param opaque the tag's characters between the quotes
     * @param weak whether the tag is weak
     * @throws IllegalArgumentException when a character is not an {@code etagc} or the tag is longer than 256
     */
    public EntityTag {
        Objects.requireNonNull(opaque, "opaque");
        if (!isOpaque(opaque)) {
            throw new IllegalArgumentException(
                    "an entity tag holds at most 256 of %x21 / %x23-7E (no quote, space or control): " + opaque);
        }
    }

    /**
     * A strong tag.
     *
     * @param opaque the characters between the quotes
     * @return the tag
     */
    public static EntityTag strong(String opaque) {
        return new EntityTag(opaque, false);
    }

    /**
     * A weak tag.
     *
     * @param opaque the characters between the quotes
     * @return the tag
     */
    public static EntityTag weak(String opaque) {
        return new EntityTag(opaque, true);
    }

    /**
     * A strong tag computed from a representation's bytes: the first 16 bytes of their SHA-256, base64url.
     *
     * @param representation the bytes sent
     * @return the tag
     */
    public static EntityTag ofBytes(byte[] representation) {
        Objects.requireNonNull(representation, "representation");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(representation);
            return strong(Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A weak tag from a version (a row version, an update counter): equal versions mean equivalent
     * representations, whatever their encoding, which is what a weak tag promises.
     *
     * @param version the version
     * @return the tag {@code W/"v<version>"}
     */
    public static EntityTag ofVersion(long version) {
        return weak("v" + version);
    }

    /**
     * Reads one tag as a header carries it: {@code "xyz"} or {@code W/"xyz"}.
     *
     * @param text the header value
     * @return the tag
     * @throws IllegalArgumentException when it is not an entity tag
     */
    public static EntityTag parse(String text) {
        Objects.requireNonNull(text, "text");
        List<EntityTag> tags = parseList(text);
        if (tags.size() != 1) {
            throw new IllegalArgumentException("not one entity tag: " + text);
        }
        return tags.get(0);
    }

    /**
     * Reads a list of tags ({@code If-Match}, {@code If-None-Match}); the wildcard {@code *} is not a tag (see
     * {@link ConditionalRequest}). Spaces and empty elements around commas are allowed (RFC 9110 §5.6.1).
     *
     * @param header the field value
     * @return the tags, or an empty list when the value is not a valid list of tags
     */
    public static List<EntityTag> parseList(String header) {
        List<EntityTag> tags = new ArrayList<>();
        int at = 0;
        int length = header.length();
        while (true) {
            while (at < length && (header.charAt(at) == ' ' || header.charAt(at) == '\t' || header.charAt(at) == ',')) {
                at++;
            }
            if (at == length) {
                return tags;
            }
            boolean weak = header.startsWith("W/", at);
            if (weak) {
                at += 2;
            }
            if (at >= length || header.charAt(at) != '"') {
                return List.of();
            }
            int close = header.indexOf('"', at + 1);
            if (close < 0) {
                return List.of();
            }
            String opaque = header.substring(at + 1, close);
            if (!isOpaque(opaque)) {
                return List.of();
            }
            tags.add(new EntityTag(opaque, weak));
            at = close + 1;
            while (at < length && (header.charAt(at) == ' ' || header.charAt(at) == '\t')) {
                at++;
            }
            if (at < length && header.charAt(at) != ',') {
                return List.of();
            }
        }
    }

    /**
     * Strong comparison (RFC 9110 §8.8.3.2): both strong and equal.
     *
     * @param other the other tag
     * @return whether they match strongly
     */
    public boolean strongMatch(@Nullable EntityTag other) {
        return other != null && !weak && !other.weak && opaque.equals(other.opaque);
    }

    /**
     * Weak comparison (RFC 9110 §8.8.3.2): equal opaque tags, whatever their weakness.
     *
     * @param other the other tag
     * @return whether they match weakly
     */
    public boolean weakMatch(@Nullable EntityTag other) {
        return other != null && opaque.equals(other.opaque);
    }

    /**
     * The tag as the {@code ETag} field carries it.
     *
     * @return {@code "xyz"} or {@code W/"xyz"}
     */
    @Override
    public String toString() {
        return (weak ? "W/\"" : "\"") + opaque + '"';
    }

    private static boolean isOpaque(String opaque) {
        if (opaque.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < opaque.length(); i++) {
            char c = opaque.charAt(i);
            if (c < 0x21 || c == '"' || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
