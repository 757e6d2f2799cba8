package dev.groundwork.cache.redis;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns a cache key into the text of its Redis key and back. Both directions are needed: invalidations reach other
 * instances as text, and each instance finds the key in its own local cache from it. {@code decode(encode(k))} must
 * equal {@code k}.
 *
 * @param <K> the key type
 */
public interface KeyCodec<K> {

    /**
     * The text of a key; it becomes part of a Redis key.
     *
     * @param key the key
     * @return its text, not null
     */
    String encode(K key);

    /**
     * The key of a text that {@link #encode} made.
     *
     * @param text the text
     * @return the key
     * @throws RuntimeException when the text is not one this codec makes
     */
    K decode(String text);

    /**
     * Keys that are strings already.
     *
     * @return the codec
     */
    static KeyCodec<String> strings() {
        return of(Function.identity(), Function.identity());
    }

    /**
     * {@code long} keys, in decimal.
     *
     * @return the codec
     */
    static KeyCodec<Long> longs() {
        return of(String::valueOf, Long::valueOf);
    }

    /**
     * {@code UUID} keys, in their canonical form.
     *
     * @return the codec
     */
    static KeyCodec<UUID> uuids() {
        return of(UUID::toString, UUID::fromString);
    }

    /**
     * A codec of two functions.
     *
     * @param encode key to text
     * @param decode text to key
     * @param <K> the key type
     * @return the codec
     */
    static <K> KeyCodec<K> of(Function<? super K, String> encode, Function<String, ? extends K> decode) {
        Objects.requireNonNull(encode, "encode");
        Objects.requireNonNull(decode, "decode");
        return new KeyCodec<>() {
            @Override
            public String encode(K key) {
                return encode.apply(key);
            }

            @Override
            public K decode(String text) {
                return decode.apply(text);
            }
        };
    }
}
