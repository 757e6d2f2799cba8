package dev.groundwork.persistence;

import dev.groundwork.persistence.internal.CursorValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Writes and checks keyset cursors: opaque, URL-safe, HMAC-SHA256-signed with a server key, carrying the exact
 * sort-key values of one row and bound to the entity, sort and filter they came from. Thread-safe and immutable.
 *
 * <pre>{@code
 * CursorCodec codec = CursorCodec.builder()
 *         .signingKey("2026-11", secret) // at least 32 random bytes
 *         .verificationKey("2026-10", oldSecret) // still accepted during rotation
 *         .timeToLive(Duration.ofHours(24))
 *         .build();
 * }</pre>
 *
 * <p>Format (version 2), base64url without padding: {@code 0x02 | kid | issued-at | direction | entity hash |
 * filter hash | keys hash | sort | values | tag}, where {@code keys hash} fingerprints the attribute path behind
 * every sort name (the tie-breaker's included), so a cursor only fits a listing whose names mean the same
 * attributes, and {@code tag} is the first 16 bytes of HMAC-SHA256 over everything
 * before it. Checks run cheapest first and stop at the first fault: length, base64url (canonical only), version,
 * key id, tag (constant-time), structure, expiry; then the paginator checks entity, filter, sort and value types.
 * The content is signed, not encrypted: sort values are readable by whoever holds the cursor, like the rows they
 * came from.
 *
 * <p>A cursor never exceeds {@code maxLength}: text and arbitrary-precision numbers that would not fit are written
 * as a 16-byte digest (the last, unique key keeps its value, or for text a 32-code-point prefix), and the
 * {@link Paginator} reads the exact values back from the row. Direction {@code 2} marks a backward cursor that
 * includes its own row: the way back from a page number past the end.
 */
public final class CursorCodec {
    private static final int VERSION = 2;
    private static final int TAG_LENGTH = 16;
    private static final int MIN_SECRET = 32;
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String signingKid;
    private final Map<String, SecretKeySpec> keys;
    private final Set<String> retired;
    private final @Nullable Duration timeToLive;
    private final Clock clock;
    private final int maxLength;

    private CursorCodec(Builder b) {
        this.signingKid = Objects.requireNonNull(b.signingKid);
        this.keys = Map.copyOf(b.keys);
        this.retired = Set.copyOf(b.retired);
        this.timeToLive = b.timeToLive;
        this.clock = b.clock;
        this.maxLength = b.maxLength;
    }

    /**
     * Starts a codec.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** What a cursor holds once its signature checked out. */
    record Content(
            long issuedAt,
            boolean before,
            boolean inclusive,
            long entityHash,
            long filterHash,
            long keysHash,
            List<SortKey> sort,
            List<@Nullable Object> values) {}

    String encode(
            boolean before,
            boolean inclusive,
            long entityHash,
            long filterHash,
            long keysHash,
            List<SortKey> sort,
            @Nullable Object[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.write(VERSION);
        byte[] kid = signingKid.getBytes(StandardCharsets.US_ASCII);
        out.write(kid.length);
        out.write(kid, 0, kid.length);
        CursorValues.writeLong(out, clock.instant().getEpochSecond());
        // 0: after the position; 1: before it; 2: before it, the position's own row included.
        out.write(before ? (inclusive ? 2 : 1) : 0);
        writeFixed(out, entityHash);
        writeFixed(out, filterHash);
        writeFixed(out, keysHash);
        out.write(sort.size());
        for (SortKey key : sort) {
            CursorValues.writeBytes(out, key.field().getBytes(StandardCharsets.US_ASCII));
            out.write(key.direction() == Direction.DESC ? 1 : 0);
        }
        byte[][] encoded = pack(values, bodyBudget() - out.size());
        for (byte[] value : encoded) {
            out.write(value, 0, value.length);
        }
        byte[] body = out.toByteArray();
        byte[] tag = tag(Objects.requireNonNull(keys.get(signingKid)), body, body.length);
        out.write(tag, 0, TAG_LENGTH);
        return ENCODER.encodeToString(out.toByteArray());
    }

    /**
     * The values' encodings, within {@code budget} bytes: a text or arbitrary-precision number that would not fit
     * (longer than 512 bytes, or together with the others beyond the budget) is carried as a digest, the longest
     * first. The last value (the unique key that finds the row again) is digested only when it is text, which can
     * be looked up by its prefix. {@link Paginator} checks when it is created that the worst case fits, so every
     * row gets a cursor.
     */
    private static byte[][] pack(@Nullable Object[] values, int budget) {
        byte[][] encoded = new byte[values.length][];
        boolean[] digested = new boolean[values.length];
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            encoded[i] = CursorValues.encode(values[i]);
            if (!CursorValues.fitsInline(values[i]) && mayDigest(values, i)) {
                encoded[i] = CursorValues.digestEncoding(Objects.requireNonNull(values[i]), i == values.length - 1);
                digested[i] = true;
            }
            total += encoded[i].length;
        }
        while (total > budget) {
            int longest = -1;
            for (int i = 0; i < values.length; i++) {
                if (!digested[i]
                        && mayDigest(values, i)
                        && (longest < 0 || encoded[i].length > encoded[longest].length)) {
                    longest = i;
                }
            }
            if (longest < 0) {
                throw new IllegalStateException("a cursor does not fit " + budget + " bytes; Paginator.of checks"
                        + " that it always does, so this is a bug");
            }
            byte[] digest =
                    CursorValues.digestEncoding(Objects.requireNonNull(values[longest]), longest == values.length - 1);
            total += digest.length - encoded[longest].length;
            encoded[longest] = digest;
            digested[longest] = true;
        }
        for (int i = 0; i < values.length; i++) {
            if (!digested[i] && !CursorValues.fitsInline(values[i])) {
                throw new IllegalStateException("a last sort value of " + encoded[i].length + " bytes that is not"
                        + " text cannot be carried in a cursor");
            }
        }
        return encoded;
    }

    private static boolean mayDigest(@Nullable Object[] values, int i) {
        return CursorValues.digestible(values[i]) && (i < values.length - 1 || values[i] instanceof String);
    }

    /** The most bytes a cursor's body may take: the base64url text must stay within {@code maxLength}. */
    private int bodyBudget() {
        return maxLength / 4 * 3 + (maxLength % 4 == 0 ? 0 : maxLength % 4 - 1) - TAG_LENGTH;
    }

    /**
     * What is left of the budget for sort names and values, after the fixed header: version, key id, issue time,
     * direction, three hashes, key count.
     *
     * @return bytes available for names and values
     */
    int namesAndValuesBudget() {
        return bodyBudget() - (1 + 1 + signingKid.length() + 10 + 1 + 24 + 1);
    }

    Content decode(String cursor) {
        if (cursor.length() > maxLength) {
            throw error(
                    InvalidCursorException.Reason.TOO_LARGE, "the cursor is longer than " + maxLength + " characters");
        }
        byte[] data;
        try {
            data = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw error(InvalidCursorException.Reason.MALFORMED, "the cursor is not valid base64url");
        }
        // Only the one canonical spelling of these bytes is accepted (no padding, no stray low bits).
        if (!ENCODER.encodeToString(data).equals(cursor)) {
            throw error(InvalidCursorException.Reason.MALFORMED, "the cursor is not in canonical form");
        }
        if (data.length < 2 + TAG_LENGTH || (data[0] & 0xFF) != VERSION) {
            throw error(InvalidCursorException.Reason.MALFORMED, "the cursor is not in a known format");
        }
        int kidLength = data[1] & 0xFF;
        if (kidLength == 0 || kidLength > 32 || data.length < 2 + kidLength + TAG_LENGTH) {
            throw error(InvalidCursorException.Reason.MALFORMED, "the cursor is not in a known format");
        }
        String kid = new String(data, 2, kidLength, StandardCharsets.US_ASCII);
        SecretKeySpec key = keys.get(kid);
        if (key == null) {
            if (retired.contains(kid)) {
                throw error(
                        InvalidCursorException.Reason.RETIRED_KEY,
                        "the cursor was signed with a retired key; start from the first page");
            }
            throw error(InvalidCursorException.Reason.UNKNOWN_KEY, "the cursor was signed with an unknown key");
        }
        int bodyLength = data.length - TAG_LENGTH;
        byte[] expected = tag(key, data, bodyLength);
        byte[] actual = new byte[TAG_LENGTH];
        System.arraycopy(data, bodyLength, actual, 0, TAG_LENGTH);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw error(InvalidCursorException.Reason.BAD_SIGNATURE, "the cursor's signature does not match");
        }
        Content content;
        try {
            content = parse(data, 2 + kidLength, bodyLength);
        } catch (RuntimeException e) {
            // Signed by us yet unreadable: a bug or a leaked key, never a page.
            throw error(InvalidCursorException.Reason.MALFORMED, "the cursor's content is not readable");
        }
        if (timeToLive != null) {
            long age = clock.instant().getEpochSecond() - content.issuedAt();
            if (age > timeToLive.getSeconds()) {
                throw error(InvalidCursorException.Reason.EXPIRED, "the cursor has expired; start from the first page");
            }
        }
        return content;
    }

    private static Content parse(byte[] data, int from, int end) {
        CursorValues.Reader in = new CursorValues.Reader(data, from, end);
        long issuedAt = in.readLong();
        int direction = in.readByte();
        if (direction > 2) {
            throw new CursorValues.MalformedException("direction");
        }
        long entityHash = readFixed(in);
        long filterHash = readFixed(in);
        long keysHash = readFixed(in);
        int keys = in.readByte();
        if (keys == 0 || keys > 16) {
            throw new CursorValues.MalformedException("key count");
        }
        List<SortKey> sort = new ArrayList<>(keys);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < keys; i++) {
            String name = new String(in.readBytes(), StandardCharsets.US_ASCII);
            int dir = in.readByte();
            if (!SortSpec.NAME.matcher(name).matches() || dir > 1 || !names.add(name)) {
                throw new CursorValues.MalformedException("sort key");
            }
            sort.add(new SortKey(name, dir == 1 ? Direction.DESC : Direction.ASC));
        }
        List<@Nullable Object> values = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            values.add(CursorValues.read(in));
        }
        if (!in.atEnd()) {
            throw new CursorValues.MalformedException("trailing bytes");
        }
        return new Content(issuedAt, direction >= 1, direction == 2, entityHash, filterHash, keysHash, sort, values);
    }

    private static void writeFixed(ByteArrayOutputStream out, long v) {
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (v >>> i));
        }
    }

    private static long readFixed(CursorValues.Reader in) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | in.readByte();
        }
        return v;
    }

    private static byte[] tag(SecretKeySpec key, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return java.util.Arrays.copyOf(mac.doFinal(), TAG_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * A 64-bit fingerprint of a text (the first 8 bytes of its SHA-256).
     *
     * @param text the text
     * @return the fingerprint
     */
    static long fingerprint(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The refusal of a cursor, for the codec's own checks and the paginator's. */
    static InvalidCursorException error(InvalidCursorException.Reason error, String message) {
        return new InvalidCursorException(error, message);
    }

    /** Builds a {@link CursorCodec}; not thread-safe. */
    public static final class Builder {
        private @Nullable String signingKid;
        private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        private final Set<String> retired = new HashSet<>();
        private @Nullable Duration timeToLive = Duration.ofDays(1);
        private Clock clock = Clock.systemUTC();
        private int maxLength = 1024;

        private Builder() {}

        /**
         * Sets the key new cursors are signed with; it also verifies.
         *
         * @param kid the key id written into cursors: 1 to 32 of {@code A-Z a-z 0-9 . _ -}
         * @param secret at least 32 bytes from a secure random source
         * @return this builder
         */
        public Builder signingKey(String kid, byte[] secret) {
            if (signingKid != null) {
                throw new IllegalStateException("a signing key is already set ('" + signingKid + "')");
            }
            addKey(kid, secret);
            this.signingKid = kid;
            return this;
        }

        /**
         * Adds a key that still verifies cursors but signs none (the previous key, during a rotation).
         *
         * @param kid the key id
         * @param secret the key
         * @return this builder
         */
        public Builder verificationKey(String kid, byte[] secret) {
            addKey(kid, secret);
            return this;
        }

        /**
         * Names a key that no longer verifies; its cursors get {@link InvalidCursorException.Reason#RETIRED_KEY} rather than
         * {@link InvalidCursorException.Reason#UNKNOWN_KEY}, so clients can be told to start over.
         *
         * @param kid the retired key id
         * @return this builder
         */
        public Builder retiredKey(String kid) {
            checkKid(kid);
            if (keys.containsKey(kid)) {
                throw new IllegalArgumentException("key '" + kid + "' is both active and retired");
            }
            retired.add(kid);
            return this;
        }

        private void addKey(String kid, byte[] secret) {
            checkKid(kid);
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_SECRET) {
                throw new IllegalArgumentException("cursor key '" + kid + "' has " + secret.length
                        + " bytes; HMAC-SHA256 needs at least " + MIN_SECRET);
            }
            if (keys.containsKey(kid) || retired.contains(kid)) {
                throw new IllegalArgumentException("key '" + kid + "' is declared twice");
            }
            keys.put(kid, new SecretKeySpec(secret.clone(), "HmacSHA256"));
        }

        private static void checkKid(String kid) {
            Objects.requireNonNull(kid, "kid");
            if (!KID.matcher(kid).matches()) {
                throw new IllegalArgumentException("key id '" + kid + "' must be 1 to 32 of A-Z a-z 0-9 . _ -");
            }
        }

        /**
         * Sets how long a cursor stays valid after it was written. Default: one day.
         *
         * @param ttl at least one second, at most 366 days
         * @return this builder
         */
        public Builder timeToLive(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("cursor time to live " + ttl + " must be between 1 s and 366 days");
            }
            this.timeToLive = ttl;
            return this;
        }

        /**
         * Lets cursors live forever. Use only when nothing about a listing can go stale.
         *
         * @return this builder
         */
        public Builder noExpiry() {
            this.timeToLive = null;
            return this;
        }

        /**
         * Sets the clock for issue times and expiry. Default: the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the longest cursor accepted, checked before decoding. Default: 1024 characters.
         *
         * @param chars between 64 and 8192
         * @return this builder
         */
        public Builder maxLength(int chars) {
            if (chars < 64 || chars > 8192) {
                throw new IllegalArgumentException("maximum cursor length " + chars + " must be between 64 and 8192");
            }
            this.maxLength = chars;
            return this;
        }

        /**
         * Builds the codec.
         *
         * @return the codec
         * @throws IllegalStateException if no signing key was set
         */
        public CursorCodec build() {
            if (signingKid == null) {
                throw new IllegalStateException("a cursor codec needs a signing key");
            }
            return new CursorCodec(this);
        }
    }
}
