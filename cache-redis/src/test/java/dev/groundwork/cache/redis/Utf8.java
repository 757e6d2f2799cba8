package dev.groundwork.cache.redis;

import java.nio.charset.StandardCharsets;

/** Strings as UTF-8, the smallest value codec. */
final class Utf8 implements ValueCodec<String> {
    @Override
    public byte[] encode(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
