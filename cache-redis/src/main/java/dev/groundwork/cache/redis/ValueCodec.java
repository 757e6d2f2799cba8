package dev.groundwork.cache.redis;

/**
 * Turns values into the bytes kept in Redis and back. A value that cannot be decoded (bytes of another shape, or
 * not ours) is a miss and an event, never an exception to the caller; bump the cache's schema version when the
 * shape changes, so a deploy never reads the old bytes at all. {@link JacksonCodec} is one implementation.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

    /**
     * The bytes of a value.
     *
     * @param value the value
     * @return its bytes
     * @throws Exception when the value cannot be written; it is then kept in the local cache only
     */
    byte[] encode(V value) throws Exception;

    /**
     * The value of bytes that {@link #encode} made.
     *
     * @param bytes the bytes
     * @return the value, not null
     * @throws Exception when the bytes are not a value of this codec
     */
    V decode(byte[] bytes) throws Exception;
}
