package dev.groundwork.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static Map<String, Object> parse(String json) {
        return StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8), 32);
    }

    @Test
    void readsEveryValueType() {
        Map<String, Object> object = parse(" {\"s\":\"x\\u00e9\\n\\\"\\/\",\"i\":-42,\"big\":12345678901234567890,"
                + "\"d\":1.5e3,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",[]],\"o\":{\"k\":{}},\"z\":-0}\r\n");

        assertThat(object)
                .containsEntry("s", "xé\n\"/")
                .containsEntry("i", -42L)
                .containsEntry("big", 1.2345678901234567E19)
                .containsEntry("d", 1500.0)
                .containsEntry("t", true)
                .containsEntry("f", false)
                .containsEntry("n", null)
                .containsEntry("a", Arrays.asList(1L, "two", List.of()))
                .containsEntry("o", Map.of("k", Map.of()))
                .containsEntry("z", 0L);
        assertThat(object.keySet()).containsExactly("s", "i", "big", "d", "t", "f", "n", "a", "o", "z");
    }

    @Test
    void readsIntegersExactlyAtEveryLength() {
        // Each side of the 18-character fast path and of a long's range, signed, as Long.parseLong reads them.
        for (String n : List.of(
                "0",
                "-0",
                "7",
                "-7",
                "1700000000",
                "99999999999999999",
                "-9999999999999999",
                "999999999999999999",
                "-99999999999999999",
                "-999999999999999999",
                "1000000000000000000",
                "9223372036854775807",
                "-9223372036854775808")) {
            assertThat(parse("{\"n\":" + n + "}")).as(n).containsEntry("n", Long.parseLong(n));
        }
        // Beyond a long: a double, as before.
        assertThat(parse("{\"n\":9223372036854775808}")).containsEntry("n", 9.223372036854775808E18);
        assertThat(parse("{\"n\":-9223372036854775809}")).containsEntry("n", -9.223372036854775809E18);
        assertThat(parse("{\"n\":-}")).isNull();
        assertThat(parse("{\"n\":01}")).isNull();
    }

    @Test
    void decodesUtf8AndSurrogatePairs() {
        assertThat(parse("{\"k\":\"ü€😀\"}")).containsEntry("k", "ü€😀");
        assertThat(parse("{\"k\":\"\\ud83d\\ude00\"}")).containsEntry("k", "😀");
        assertThat(parse("{\"ü\":1}")).containsEntry("ü", 1L);
    }

    @Test
    void resultsCannotBeModified() {
        Map<String, Object> object = parse("{\"a\":[1],\"o\":{}}");
        assertThatThrownBy(() -> object.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) object.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<?, ?>) object.get("o")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "[]",
                "\"s\"",
                "1",
                "null",
                "{",
                "}",
                "{\"a\":1",
                "{\"a\":1}}",
                "{\"a\":1} x",
                "{\"a\":1}{}",
                "{\"a\" 1}",
                "{\"a\":1,}",
                "{,}",
                "{\"a\":[1,]}",
                "{\"a\":[1 2]}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":'b'}",
                "{\"a\":01}",
                "{\"a\":-}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":1e}",
                "{\"a\":1e400}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":tru}",
                "{\"a\":nul}",
                "{\"a\":True}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\\u12G4\"}",
                "{\"a\":\"unterminated}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":1 /* comment */}",
                "{\"a\":1,\"a\":2}",
                "{\"a\":{\"b\":1,\"b\":1}}"
            })
    void refusesInvalidOrAmbiguousJson(String json) {
        assertThat(parse(json)).as(json).isNull();
    }

    @Test
    void refusesIllFormedUtf8() {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-16 surrogate D800
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xC3}, // truncated
            {(byte) 0x80}, // lone continuation
            {(byte) 0xFF}
        };
        for (byte[] sequence : bad) {
            byte[] json = new byte[sequence.length + 8];
            byte[] prefix = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, json, 0, prefix.length);
            System.arraycopy(sequence, 0, json, prefix.length, sequence.length);
            json[prefix.length + sequence.length] = '"';
            json[prefix.length + sequence.length + 1] = '}';
            byte[] exact = Arrays.copyOf(json, prefix.length + sequence.length + 2);
            assertThat(StrictJson.parseObject(exact, 32))
                    .as(Arrays.toString(sequence))
                    .isNull();
        }
    }

    @Test
    void limitsNestingDepthExactly() {
        String atLimit = "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}";
        String overLimit = "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";
        String objectsOverLimit = "{\"a\":".repeat(33) + "1" + "}".repeat(33);

        assertThat(parse(atLimit)).isNotNull();
        assertThat(parse(overLimit)).isNull();
        assertThat(parse(objectsOverLimit)).isNull();
        assertThat(parse("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"))
                .isNull();
    }

    /** Differential check against nimbus's parser on generated valid JSON: same values, same order. */
    @Test
    void agreesWithNimbusOnGeneratedDocuments() throws ParseException {
        SplittableRandom random = new SplittableRandom(20261122);
        for (int i = 0; i < 5_000; i++) {
            String json = object(random, 4);
            Map<String, Object> ours = parse(json);
            Map<String, Object> theirs = JSONObjectUtils.parse(json);
            assertThat(ours).as(json).isEqualTo(theirs);
        }
    }

    private static String object(SplittableRandom random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"')
                    .append("k")
                    .append(i)
                    .append(random.nextInt(3) == 0 ? "é" : "")
                    .append("\":");
            out.append(value(random, depth - 1));
        }
        return out.append('}').toString();
    }

    private static String value(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth <= 0 ? 6 : 8)) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Long.toString(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
            case 3 -> Double.toString(random.nextDouble(-1e6, 1e6));
            case 4 -> "\"s" + random.nextInt(1000) + "\\n\\u00e9\"";
            case 5 -> "\"plain\"";
            case 6 -> "[" + value(random, depth - 1) + "," + value(random, depth - 1) + "]";
            default -> object(random, depth - 1);
        };
    }
}
