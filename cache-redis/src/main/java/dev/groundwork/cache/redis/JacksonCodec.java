package dev.groundwork.cache.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Objects;

/**
 * Values as JSON through the application's own {@link ObjectMapper}, so what Redis holds is what the application's
 * Jackson configuration writes. Needs {@code jackson-databind} on the class path (an optional dependency of this
 * module).
 *
 * @param <V> the value type
 */
public final class JacksonCodec<V> implements ValueCodec<V> {

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final String type;

    private JacksonCodec(ObjectReader reader, ObjectWriter writer, String type) {
        this.reader = reader;
        this.writer = writer;
        this.type = type;
    }

    /**
     * A codec for a class.
     *
     * @param mapper the application's mapper
     * @param type the value class
     * @param <V> the value type
     * @return the codec
     */
    public static <V> JacksonCodec<V> of(ObjectMapper mapper, Class<V> type) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(type, "type");
        return new JacksonCodec<>(mapper.readerFor(type), mapper.writerFor(type), type.getName());
    }

    /**
     * A codec for a generic type, such as {@code new TypeReference<List<Order>>() {}}.
     *
     * @param mapper the application's mapper
     * @param type the value type
     * @param <V> the value type
     * @return the codec
     */
    public static <V> JacksonCodec<V> of(ObjectMapper mapper, TypeReference<V> type) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(type, "type");
        return new JacksonCodec<>(
                mapper.readerFor(type), mapper.writerFor(type), type.getType().getTypeName());
    }

    @Override
    public byte[] encode(V value) throws IOException {
        return writer.writeValueAsBytes(value);
    }

    @Override
    public V decode(byte[] bytes) throws IOException {
        V value = reader.readValue(bytes);
        if (value == null) {
            throw new IOException("JSON null is not a value of " + type);
        }
        return value;
    }

    @Override
    public String toString() {
        return "JacksonCodec[" + type + "]";
    }
}
