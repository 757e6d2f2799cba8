package dev.groundwork.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorValuesTest {
    enum Color {
        RED,
        GREEN
    }

    static Object roundTrip(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CursorValues.write(out, value);
        byte[] b = out.toByteArray();
        CursorValues.Reader in = new CursorValues.Reader(b, 0, b.length);
        Object back = CursorValues.read(in);
        assertThat(in.atEnd()).isTrue();
        return back;
    }

    @Test
    void everySupportedTypeRoundTripsExactly() {
        java.sql.Timestamp ts = new java.sql.Timestamp(-1_234_567L);
        ts.setNanos(987_654_321);
        List<Object> values = new ArrayList<>(Arrays.asList(
                "",
                "h\u00e9llo \ud83d\ude00",
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                0L,
                -1L,
                Integer.MIN_VALUE,
                Integer.MAX_VALUE,
                (short) -32768,
                (byte) 127,
                true,
                false,
                -0.0d,
                Double.NaN,
                1e-300,
                Float.MIN_VALUE,
                'x',
                '\uffff',
                new BigDecimal("1.00"),
                new BigDecimal("-123456789012345678901234.5678"),
                new BigDecimal("1E+5"),
                BigInteger.TWO.pow(200).negate(),
                new UUID(-1, 1),
                Instant.parse("2026-11-22T10:15:30.123456789Z"),
                Instant.MIN,
                Instant.MAX,
                OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 1000, ZoneOffset.ofHoursMinutes(5, 30)),
                OffsetDateTime.MIN,
                OffsetDateTime.MAX,
                LocalDateTime.of(1, 1, 1, 0, 0, 0, 1),
                LocalDateTime.MAX,
                LocalDate.MIN,
                LocalDate.MAX,
                LocalTime.MAX,
                LocalTime.MIDNIGHT,
                ts,
                new java.sql.Date(86_400_000L),
                new java.util.Date(-5L)));
        for (Object v : values) {
            Object back = roundTrip(v);
            assertThat(back).as("%s", v).isEqualTo(v);
            assertThat(back.getClass()).isEqualTo(v.getClass());
            if (v instanceof BigDecimal d) {
                assertThat(((BigDecimal) back).scale()).isEqualTo(d.scale());
            }
            if (v instanceof OffsetDateTime o) {
                assertThat(((OffsetDateTime) back).getOffset()).isEqualTo(o.getOffset());
            }
        }
        assertThat(roundTrip(Color.GREEN)).isEqualTo(new CursorValues.EnumName("GREEN"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CursorValues.write(out, null);
        assertThat(CursorValues.read(new CursorValues.Reader(out.toByteArray(), 0, 1)))
                .isNull();
    }

    @Test
    void supportsOnlyWhatItCanWrite() {
        assertThat(CursorValues.supports(long.class)).isTrue();
        assertThat(CursorValues.supports(Color.class)).isTrue();
        assertThat(CursorValues.supports(byte[].class)).isFalse();
        assertThat(CursorValues.supports(Object.class)).isFalse();
        assertThatThrownBy(() -> CursorValues.write(new ByteArrayOutputStream(), new Object()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CursorValues.write(new ByteArrayOutputStream(), "x".repeat(513)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesFailOnlyAsMalformedOrJavaTimeRange() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = new byte[random.nextInt(24)];
            random.nextBytes(b);
            if (b.length > 0) {
                b[0] = (byte) random.nextInt(23);
            }
            try {
                CursorValues.read(new CursorValues.Reader(b, 0, b.length));
            } catch (CursorValues.MalformedException | java.time.DateTimeException | ArithmeticException e) {
                // expected kinds of failure; anything else (index errors, NPE) fails the test
            }
        }
    }
}
