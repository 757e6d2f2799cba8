package dev.groundwork.persistence.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Binary encoding of sort-key values for cursors. Every supported type round-trips exactly: timestamps keep
 * nanoseconds, {@code BigDecimal} keeps its scale, offsets are kept. Not thread-safe per instance; the static
 * methods are.
 */
public final class CursorValues {
    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int LONG = 2;
    private static final int INT = 3;
    private static final int SHORT = 4;
    private static final int BYTE = 5;
    private static final int BOOLEAN = 6;
    private static final int DOUBLE = 7;
    private static final int FLOAT = 8;
    private static final int BIG_DECIMAL = 9;
    private static final int BIG_INTEGER = 10;
    private static final int UUID_TAG = 11;
    private static final int INSTANT = 12;
    private static final int OFFSET_DATE_TIME = 13;
    private static final int LOCAL_DATE_TIME = 14;
    private static final int LOCAL_DATE = 15;
    private static final int LOCAL_TIME = 16;
    private static final int ENUM = 17;
    private static final int CHARACTER = 18;
    private static final int UTIL_DATE = 19;
    private static final int SQL_TIMESTAMP = 20;
    private static final int SQL_DATE = 21;
    /** A value too long to carry, replaced by its digest (and, for text, a short prefix). */
    private static final int DIGEST = 22;

    /** Bytes of SHA-256 kept in a digest: 128 bits, under the cursor's own signature. */
    private static final int DIGEST_LENGTH = 16;

    /** Code points of a digested text kept as a prefix, so the row can be found again by {@code SUBSTRING}. */
    public static final int PREFIX_CODE_POINTS = 32;

    /** The largest decoded string or number magnitude, in bytes. */
    private static final int MAX_CHUNK = 512;

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            long.class, Long.class,
            int.class, Integer.class,
            short.class, Short.class,
            byte.class, Byte.class,
            boolean.class, Boolean.class,
            double.class, Double.class,
            float.class, Float.class,
            char.class, Character.class);

    private CursorValues() {}

    /** A decoded enum constant, resolved against the attribute's enum class by the caller. */
    public record EnumName(String name) {}

    /**
     * A value that was too long for the cursor, as the cursor holds it: the type it had, 16 bytes of the SHA-256 of
     * its encoding, and for text the first {@link #PREFIX_CODE_POINTS} code points. The exact value is read back
     * from the row and recognised by its digest.
     *
     * @param tag the original value's tag
     * @param digest the digest
     * @param prefix the text's first code points; empty for numbers
     */
    public record Digest(int tag, byte[] digest, String prefix) {
        /**
         * Tells whether a value is the one digested.
         *
         * @param value a candidate read from the database
         * @return {@code true} if its digest matches
         */
        public boolean matches(@Nullable Object value) {
            return value != null && java.security.MessageDigest.isEqual(digest, digestOf(encode(value)));
        }

        /**
         * Tells whether the digested value was text (and can be looked up by its prefix).
         *
         * @return {@code true} for a string
         */
        public boolean isText() {
            return tag == STRING;
        }
    }

    /**
     * The encoding of one value on its own.
     *
     * @param value the value
     * @return its bytes
     */
    public static byte[] encode(@Nullable Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        writeUnchecked(out, value, false);
        return out.toByteArray();
    }

    /**
     * Tells whether a value can be written inline: its variable part, if any, is at most 512 bytes.
     *
     * @param value the value
     * @return {@code true} if {@link #write} accepts it
     */
    public static boolean fitsInline(@Nullable Object value) {
        if (value instanceof String text) {
            return text.length() <= MAX_CHUNK / 3 || text.getBytes(StandardCharsets.UTF_8).length <= MAX_CHUNK;
        }
        if (value instanceof BigDecimal number) {
            return number.unscaledValue().bitLength() / 8 + 1 <= MAX_CHUNK;
        }
        if (value instanceof BigInteger number) {
            return number.bitLength() / 8 + 1 <= MAX_CHUNK;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().getBytes(StandardCharsets.UTF_8).length <= MAX_CHUNK;
        }
        return true;
    }

    /**
     * Tells whether a value may be carried as a digest: text and arbitrary-precision numbers, the only values
     * whose encoding has no fixed bound.
     *
     * @param value the value
     * @return {@code true} if it can be digested
     */
    public static boolean digestible(@Nullable Object value) {
        return value instanceof String || value instanceof BigDecimal || value instanceof BigInteger;
    }

    /**
     * The digest form of a value: tag, original tag, 16 digest bytes, prefix.
     *
     * @param value a {@linkplain #digestible digestible} value
     * @param withPrefix whether to keep a text's prefix (only the last key's is used, to find the row)
     * @return the bytes to write in place of the value
     */
    public static byte[] digestEncoding(Object value, boolean withPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        byte[] full = encode(value);
        out.write(DIGEST);
        out.write(full[0]);
        byte[] digest = digestOf(full);
        out.write(digest, 0, DIGEST_LENGTH);
        writeBytes(
                out,
                withPrefix && value instanceof String text
                        ? prefix(text).getBytes(StandardCharsets.UTF_8)
                        : new byte[0]);
        return out.toByteArray();
    }

    /**
     * The first {@link #PREFIX_CODE_POINTS} code points of a text (counted as SQL counts characters).
     *
     * @param text the text
     * @return the prefix
     */
    public static String prefix(String text) {
        int count = text.codePointCount(0, text.length());
        return count <= PREFIX_CODE_POINTS ? text : text.substring(0, text.offsetByCodePoints(0, PREFIX_CODE_POINTS));
    }

    /**
     * The most bytes a value of this type takes in a cursor: digested for text and numbers of arbitrary
     * precision, inline for everything else.
     *
     * @param type the attribute's Java type
     * @param last whether the key may be the last of a sort (unique), whose row is found by its value: a long
     *     text then keeps a prefix, and a number is never digested
     * @return the bound in bytes
     */
    public static int worstCase(Class<?> type, boolean last) {
        Class<?> t = box(type);
        int digest = 1 + 1 + DIGEST_LENGTH + 1;
        if (t == String.class) {
            return last ? digest + 1 + 4 * PREFIX_CODE_POINTS : digest;
        }
        if (t == BigDecimal.class || t == BigInteger.class) {
            return last ? 1 + 10 + 2 + MAX_CHUNK : digest;
        }
        if (t.isEnum()) {
            int longest = 0;
            for (Object constant : t.getEnumConstants()) {
                longest = Math.max(longest, ((Enum<?>) constant).name().getBytes(StandardCharsets.UTF_8).length);
            }
            return 1 + 2 + longest;
        }
        if (t == Long.class
                || t == Integer.class
                || t == Short.class
                || t == Byte.class
                || t == Boolean.class
                || t == Character.class
                || t == Double.class
                || t == Float.class
                || t == LocalDate.class
                || t == LocalTime.class
                || t == java.sql.Date.class
                || t == java.util.Date.class) {
            return 1 + 10; // tag, one varint
        }
        // UUIDs and timestamps: two varints (two longs, or seconds and nanoseconds), plus an offset.
        return 1 + 10 + 10 + 3;
    }

    private static byte[] digestOf(byte[] encoding) {
        try {
            return java.util.Arrays.copyOf(
                    java.security.MessageDigest.getInstance("SHA-256").digest(encoding), DIGEST_LENGTH);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Thrown when bytes are not a valid encoding. */
    public static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         */
        public MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Returns the boxed type for a primitive, or the type itself.
     *
     * @param type a type
     * @return its box
     */
    public static Class<?> box(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    /**
     * Tells whether values of a Java type can be written into a cursor.
     *
     * @param type an attribute's Java type
     * @return {@code true} if supported
     */
    public static boolean supports(Class<?> type) {
        Class<?> t = box(type);
        return t.isEnum()
                || t == String.class
                || t == Long.class
                || t == Integer.class
                || t == Short.class
                || t == Byte.class
                || t == Boolean.class
                || t == Double.class
                || t == Float.class
                || t == Character.class
                || t == BigDecimal.class
                || t == BigInteger.class
                || t == UUID.class
                || t == Instant.class
                || t == OffsetDateTime.class
                || t == LocalDateTime.class
                || t == LocalDate.class
                || t == LocalTime.class
                || t == java.util.Date.class
                || t == java.sql.Timestamp.class
                || t == java.sql.Date.class;
    }

    /**
     * Appends one value.
     *
     * @param out the buffer
     * @param value the value, of a {@linkplain #supports supported} type, or null
     */
    public static void write(ByteArrayOutputStream out, @Nullable Object value) {
        writeUnchecked(out, value, true);
    }

    /** A length-prefixed chunk: at most {@link #MAX_CHUNK} bytes in a cursor, any length inside a digest. */
    private static void chunk(ByteArrayOutputStream out, boolean bounded, byte[] bytes) {
        if (bounded) {
            writeBytes(out, bytes);
        } else {
            writeLong(out, bytes.length);
            out.write(bytes, 0, bytes.length);
        }
    }

    private static void writeUnchecked(ByteArrayOutputStream out, @Nullable Object value, boolean bounded) {
        if (value == null) {
            out.write(NULL);
        } else if (value instanceof String s) {
            out.write(STRING);
            chunk(out, bounded, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Long v) {
            out.write(LONG);
            writeLong(out, v);
        } else if (value instanceof Integer v) {
            out.write(INT);
            writeLong(out, v);
        } else if (value instanceof Short v) {
            out.write(SHORT);
            writeLong(out, v);
        } else if (value instanceof Byte v) {
            out.write(BYTE);
            writeLong(out, v);
        } else if (value instanceof Boolean v) {
            out.write(BOOLEAN);
            writeLong(out, v ? 1 : 0);
        } else if (value instanceof Double v) {
            out.write(DOUBLE);
            writeLong(out, Double.doubleToRawLongBits(v));
        } else if (value instanceof Float v) {
            out.write(FLOAT);
            writeLong(out, Float.floatToRawIntBits(v));
        } else if (value instanceof Character v) {
            out.write(CHARACTER);
            writeLong(out, v);
        } else if (value instanceof BigDecimal v) {
            out.write(BIG_DECIMAL);
            writeLong(out, v.scale());
            chunk(out, bounded, v.unscaledValue().toByteArray());
        } else if (value instanceof BigInteger v) {
            out.write(BIG_INTEGER);
            chunk(out, bounded, v.toByteArray());
        } else if (value instanceof UUID v) {
            out.write(UUID_TAG);
            writeLong(out, v.getMostSignificantBits());
            writeLong(out, v.getLeastSignificantBits());
        } else if (value instanceof Instant v) {
            out.write(INSTANT);
            writeLong(out, v.getEpochSecond());
            writeLong(out, v.getNano());
        } else if (value instanceof OffsetDateTime v) {
            out.write(OFFSET_DATE_TIME);
            writeLocalDateTime(out, v.toLocalDateTime());
            writeLong(out, v.getOffset().getTotalSeconds());
        } else if (value instanceof LocalDateTime v) {
            out.write(LOCAL_DATE_TIME);
            writeLocalDateTime(out, v);
        } else if (value instanceof LocalDate v) {
            out.write(LOCAL_DATE);
            writeLong(out, v.toEpochDay());
        } else if (value instanceof LocalTime v) {
            out.write(LOCAL_TIME);
            writeLong(out, v.toNanoOfDay());
        } else if (value instanceof Enum<?> v) {
            out.write(ENUM);
            chunk(out, bounded, v.name().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof java.sql.Timestamp v) {
            out.write(SQL_TIMESTAMP);
            writeLong(out, Math.floorDiv(v.getTime(), 1000));
            writeLong(out, v.getNanos());
        } else if (value instanceof java.sql.Date v) {
            out.write(SQL_DATE);
            writeLong(out, v.getTime());
        } else if (value instanceof java.util.Date v) {
            out.write(UTIL_DATE);
            writeLong(out, v.getTime());
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " into a cursor");
        }
    }

    /**
     * Reads one value.
     *
     * @param in the reader
     * @return the value; an {@link EnumName} for enums
     * @throws MalformedException if the bytes are not a valid encoding
     */
    public static @Nullable Object read(Reader in) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> new String(in.readBytes(), StandardCharsets.UTF_8);
            case LONG -> in.readLong();
            case INT -> (int) in.readLongInRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case SHORT -> (short) in.readLongInRange(Short.MIN_VALUE, Short.MAX_VALUE);
            case BYTE -> (byte) in.readLongInRange(Byte.MIN_VALUE, Byte.MAX_VALUE);
            case BOOLEAN -> in.readLongInRange(0, 1) == 1;
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case FLOAT -> Float.intBitsToFloat((int) in.readLongInRange(Integer.MIN_VALUE, Integer.MAX_VALUE));
            case CHARACTER -> (char) in.readLongInRange(Character.MIN_VALUE, Character.MAX_VALUE);
            case BIG_DECIMAL -> {
                int scale = (int) in.readLongInRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
                yield new BigDecimal(new BigInteger(nonEmpty(in.readBytes())), scale);
            }
            case BIG_INTEGER -> new BigInteger(nonEmpty(in.readBytes()));
            case UUID_TAG -> new UUID(in.readLong(), in.readLong());
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readLongInRange(0, 999_999_999));
            case OFFSET_DATE_TIME ->
                OffsetDateTime.of(readLocalDateTime(in), ZoneOffset.ofTotalSeconds((int)
                        in.readLongInRange(-18 * 3600, 18 * 3600)));
            case LOCAL_DATE_TIME -> readLocalDateTime(in);
            case LOCAL_DATE -> LocalDate.ofEpochDay(in.readLongInRange(-365_243_219_162L, 365_241_780_471L));
            case LOCAL_TIME -> LocalTime.ofNanoOfDay(in.readLongInRange(0, 86_400_000_000_000L - 1));
            case ENUM -> new EnumName(new String(in.readBytes(), StandardCharsets.UTF_8));
            case SQL_TIMESTAMP -> {
                java.sql.Timestamp t = new java.sql.Timestamp(Math.multiplyExact(in.readLong(), 1000));
                t.setNanos((int) in.readLongInRange(0, 999_999_999));
                yield t;
            }
            case SQL_DATE -> new java.sql.Date(in.readLong());
            case UTIL_DATE -> new java.util.Date(in.readLong());
            case DIGEST -> {
                int original = in.readByte();
                if (original != STRING && original != BIG_DECIMAL && original != BIG_INTEGER) {
                    throw new MalformedException("digest of an undigestible type");
                }
                byte[] digest = in.readFixed(DIGEST_LENGTH);
                String prefix = new String(in.readBytes(), StandardCharsets.UTF_8);
                yield new Digest(original, digest, prefix);
            }
            default -> throw new MalformedException("unknown value tag " + tag);
        };
    }

    private static byte[] nonEmpty(byte[] b) {
        if (b.length == 0) {
            throw new MalformedException("empty number");
        }
        return b;
    }

    private static void writeLocalDateTime(ByteArrayOutputStream out, LocalDateTime v) {
        writeLong(out, v.toLocalDate().toEpochDay());
        writeLong(out, v.toLocalTime().toNanoOfDay());
    }

    private static LocalDateTime readLocalDateTime(Reader in) {
        LocalDate date = LocalDate.ofEpochDay(in.readLongInRange(-365_243_219_162L, 365_241_780_471L));
        LocalTime time = LocalTime.ofNanoOfDay(in.readLongInRange(0, 86_400_000_000_000L - 1));
        return LocalDateTime.of(date, time);
    }

    /**
     * Appends a length-prefixed byte string.
     *
     * @param out the buffer
     * @param bytes the bytes, at most 512
     */
    public static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes.length > MAX_CHUNK) {
            throw new IllegalArgumentException("a cursor value is longer than " + MAX_CHUNK + " bytes");
        }
        writeLong(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    /**
     * Appends a signed integer as a zig-zag varint (small magnitudes take one byte).
     *
     * @param out the buffer
     * @param value the value
     */
    public static void writeLong(ByteArrayOutputStream out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads the encoding back; every read is bounds-checked. Not thread-safe. */
    public static final class Reader {
        private final byte[] data;
        private final int end;
        private int pos;

        /**
         * Reads {@code data[from, end)}.
         *
         * @param data the bytes
         * @param from the first index
         * @param end one past the last index
         */
        public Reader(byte[] data, int from, int end) {
            this.data = data;
            this.pos = from;
            this.end = end;
        }

        /**
         * Reads one unsigned byte.
         *
         * @return 0 to 255
         */
        public int readByte() {
            if (pos >= end) {
                throw new MalformedException("truncated");
            }
            return data[pos++] & 0xFF;
        }

        /**
         * Reads a zig-zag varint.
         *
         * @return the value
         */
        public long readLong() {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = readByte();
                if (shift == 63 && (b & 0x7E) != 0) {
                    throw new MalformedException("varint overflow");
                }
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new MalformedException("varint too long");
        }

        /**
         * Reads a varint and checks its range.
         *
         * @param min the smallest allowed
         * @param max the largest allowed
         * @return the value
         */
        public long readLongInRange(long min, long max) {
            long v = readLong();
            if (v < min || v > max) {
                throw new MalformedException("value out of range");
            }
            return v;
        }

        /**
         * Reads a length-prefixed byte string.
         *
         * @return the bytes
         */
        public byte[] readBytes() {
            return readFixed((int) readLongInRange(0, MAX_CHUNK));
        }

        /**
         * Reads a fixed number of bytes.
         *
         * @param n how many
         * @return the bytes
         */
        public byte[] readFixed(int n) {
            if (end - pos < n) {
                throw new MalformedException("truncated");
            }
            byte[] b = new byte[n];
            System.arraycopy(data, pos, b, 0, n);
            pos += n;
            return b;
        }

        /**
         * Tells whether every byte was read.
         *
         * @return {@code true} at the end
         */
        public boolean atEnd() {
            return pos == end;
        }
    }
}
